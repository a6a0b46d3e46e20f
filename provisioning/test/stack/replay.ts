/** The collector's demo operator token (its secret is its name); demo only. */
const OPERATOR = 'demo-operator';

interface ExceptionSummary {
  id: string;
  state: string;
  replayPolicy: { decision: string };
}

function headers(): Record<string, string> {
  return { authorization: `Bearer ${OPERATOR}`, 'content-type': 'application/json' };
}

/**
 * Asks the collector to replay one open exception its policy allows, as an
 * operator would from the plugin. Returns whether a replay was accepted.
 */
export async function replayOneException(collector: string): Promise<boolean> {
  const response = await fetch(`${collector}/v1/exceptions?state=open&limit=100`, { headers: headers() });
  if (!response.ok) return false;

  const { items } = (await response.json()) as { items: ExceptionSummary[] };
  const candidate = items.find((e) => e.replayPolicy.decision === 'allowed');
  if (candidate === undefined) return false;

  const replay = await fetch(`${collector}/v1/exceptions/${candidate.id}/actions/replay`, {
    method: 'POST',
    headers: headers(),
    body: JSON.stringify({ reason: 'stack test: replay after the cause was fixed' }),
  });
  return replay.ok;
}
