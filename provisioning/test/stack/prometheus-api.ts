/** A series of an instant or range query result. */
export interface PromSeries {
  metric: Record<string, string>;
}

/** An alert as Prometheus's /api/v1/alerts lists it. */
export interface PromAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  state: 'pending' | 'firing';
}

/** An alert as Alertmanager's /api/v2/alerts lists it. */
export interface AmAlert {
  labels: Record<string, string>;
  status: { state: 'active' | 'suppressed' | 'unprocessed'; inhibitedBy: string[] };
}

interface Envelope<T> {
  status: string;
  data: T;
  error?: string;
}

async function get<T>(url: string): Promise<T> {
  const response = await fetch(url);
  const body = (await response.json()) as Envelope<T>;
  if (body.status !== 'success') throw new Error(`${url}: ${body.error ?? response.status}`);
  return body.data;
}

/** Runs a PromQL query now; throws on a query Prometheus refuses. */
export async function instantQuery(prometheus: string, expr: string): Promise<PromSeries[]> {
  const data = await get<{ result: PromSeries[] }>(
    `${prometheus}/api/v1/query?query=${encodeURIComponent(expr)}`,
  );
  return data.result;
}

/** Runs a PromQL query over the last `seconds`, one point every `step` seconds. */
export async function rangeQuery(
  prometheus: string,
  expr: string,
  seconds: number,
  step: number,
): Promise<PromSeries[]> {
  const end = Date.now() / 1000;
  const params = new URLSearchParams({
    query: expr,
    start: String(end - seconds),
    end: String(end),
    step: String(step),
  });
  const data = await get<{ result: PromSeries[] }>(`${prometheus}/api/v1/query_range?${params}`);
  return data.result;
}

/** Every alert Prometheus holds, pending or firing. */
export async function prometheusAlerts(prometheus: string): Promise<PromAlert[]> {
  return (await get<{ alerts: PromAlert[] }>(`${prometheus}/api/v1/alerts`)).alerts;
}

/** Every alert Alertmanager holds, with its inhibition state. */
export async function alertmanagerAlerts(alertmanager: string): Promise<AmAlert[]> {
  const response = await fetch(`${alertmanager}/api/v2/alerts`);
  return (await response.json()) as AmAlert[];
}

/** Exemplars of the series a query selects over the last `seconds`. */
export async function exemplars(
  prometheus: string,
  expr: string,
  seconds: number,
): Promise<{ labels: Record<string, string> }[]> {
  const end = Date.now() / 1000;
  const params = new URLSearchParams({ query: expr, start: String(end - seconds), end: String(end) });
  const data = await get<{ exemplars: { labels: Record<string, string> }[] }[]>(
    `${prometheus}/api/v1/query_exemplars?${params}`,
  );
  return data.flatMap((series) => series.exemplars);
}
