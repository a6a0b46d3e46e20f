/** One sample of the Prometheus text exposition. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const LINE = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /(\w+)="((?:[^"\\]|\\.)*)"/g;

export function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const match = LINE.exec(line);
    if (!match || line.startsWith('#')) {
      continue;
    }
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(LABEL)) {
      labels[key!] = value!.replace(/\\(.)/g, '$1');
    }
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

const SUM_BY = /^sum by \(([\w\s,]+)\) \((\w+)\)$/;

/**
 * Evaluates `sum by (labels) (metric)` over one scrape, answering in the
 * shape of Prometheus's instant-query API. The harness has no Prometheus;
 * this is the one query form its panel page asks.
 */
export function sumBy(query: string, exposition: string) {
  const parsed = SUM_BY.exec(query.trim());
  if (!parsed) {
    throw new Error(`the harness only evaluates "sum by (labels) (metric)", not ${query}`);
  }
  const keys = parsed[1]!.split(',').map((key) => key.trim());
  const groups = new Map<string, { metric: Record<string, string>; total: number }>();
  for (const sample of parseExposition(exposition).filter((s) => s.name === parsed[2])) {
    const metric = Object.fromEntries(keys.map((key) => [key, sample.labels[key] ?? '']));
    const id = JSON.stringify(metric);
    const group = groups.get(id) ?? { metric, total: 0 };
    group.total += sample.value;
    groups.set(id, group);
  }
  const now = Date.now() / 1000;
  return [...groups.values()].map((group) => ({
    metric: group.metric,
    value: [now, String(group.total)],
  }));
}
