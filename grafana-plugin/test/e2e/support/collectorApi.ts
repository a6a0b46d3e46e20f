import { type ExceptionSummary } from '../../../src/api/types';
import { TOKENS } from './collectorConfig';

/**
 * Reads the collector directly with the test's operator token. The test uses
 * it only to choose exceptions and to wait for data, never to act.
 */
export async function listOpen(collectorUrl: string, query: string): Promise<ExceptionSummary[]> {
  const response = await fetch(`${collectorUrl}/v1/exceptions?state=open&limit=500&${query}`, {
    headers: { authorization: `Bearer ${TOKENS.operator}` },
  });
  const page = (await response.json()) as { items: ExceptionSummary[] };
  return page.items;
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  seconds = 60
): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    const found = await probe();
    if (found !== undefined) {
      return found;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`gave up after ${seconds}s waiting for ${what}`);
}

/** Open exceptions that policy lets an operator replay right now. */
export async function replayable(collectorUrl: string, count: number): Promise<ExceptionSummary[]> {
  return waitFor(`${count} replayable mapping exceptions`, async () => {
    const items = await listOpen(collectorUrl, 'class=mapping');
    const ready = items.filter((item) => item.replayPolicy.decision === 'allowed');
    return ready.length >= count ? ready.slice(0, count) : undefined;
  });
}
