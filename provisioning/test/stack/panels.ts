import { dashboards, panelQueries, type PanelQuery } from '../../../dashboards/src/index.js';
import { instantQuery, rangeQuery } from './prometheus-api.js';

/** Dashboard variables as Grafana substitutes them for one selection. */
export type Selection = Record<string, string>;

/** Everything selected: Grafana's All turns into the variables' allValue. */
export const ALL: Selection = { region: '.*', plant: '.*', process: '.*', interface: '.*' };

/** The plant of the reference scenario, with its region. */
export const REFERENCE_PLANT: Selection = { ...ALL, region: 'emea', plant: 'cz-pls' };

// Grafana's built-ins for a 10-minute range scraped every 2 seconds.
const BUILT_INS: Selection = { __rate_interval: '1m', __range: '10m', __interval: '10s' };

/** The query text Grafana sends for a selection. */
export function substitute(expr: string, selection: Selection): string {
  const values: Selection = { ...BUILT_INS, ...selection };
  return expr.replace(/\$(\w+)/g, (whole, name: string) => values[name] ?? whole);
}

/** Every query of every panel of every dashboard. */
export function allPanelQueries(): PanelQuery[] {
  return dashboards().flatMap(panelQueries);
}

/** Whether the query, run as its panel runs it, returns at least one series. */
export async function returnsData(prometheus: string, query: PanelQuery, selection: Selection): Promise<boolean> {
  const expr = substitute(query.expr, selection);
  const result = query.instant
    ? await instantQuery(prometheus, expr)
    : await rangeQuery(prometheus, expr, 600, 10);
  return result.length > 0;
}

/** A query's name in test output. */
export function describeQuery(query: PanelQuery): string {
  return `${query.dashboard} / ${query.panelId} ${query.panel} / ${query.refId}`;
}
