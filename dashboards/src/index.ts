import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { businessKpis } from './boards/business-kpis.js';
import { exceptionsReplay } from './boards/exceptions-replay.js';
import { integrationSre } from './boards/integration-sre.js';
import { plantHealth } from './boards/plant-health.js';

export { panelQueries, type PanelQuery } from './queries.js';

/** Every dashboard of the pack, built. */
export function dashboards(): Dashboard[] {
  return [plantHealth(), businessKpis(), integrationSre(), exceptionsReplay()];
}

/** The committed JSON of a dashboard, as Grafana provisions it. */
export function render(dashboard: Dashboard): string {
  return `${JSON.stringify(dashboard, null, 2)}\n`;
}

/** Where a dashboard's JSON is committed, relative to dashboards/. */
export function jsonPath(dashboard: Dashboard): string {
  return `json/${dashboard.uid ?? 'missing-uid'}.json`;
}
