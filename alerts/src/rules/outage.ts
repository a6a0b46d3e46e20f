import type { Catalog, CatalogSystem } from '../catalog.js';
import { allValue, outageFor, runbookBaseUrl } from '../config.js';
import { anchor, series } from './promql.js';
import type { AlertingRule, RuleFile } from './types.js';

/** The name the inhibition rules match an upstream outage by. */
export const OUTAGE_ALERT = 'SyncgovSystemOutage';

/** A system of the catalog unavailable at a plant, paged to its owner. */
export function outageRules(catalog: Catalog): RuleFile {
  return {
    component: 'outage',
    groups: [{ name: 'syncgov-outage', rules: catalog.systems.map(outageAlert) }],
  };
}

function outageAlert(system: CatalogSystem): AlertingRule {
  const outage = series('syncgov_system_outage', { system: system.id });

  return {
    alert: OUTAGE_ALERT,
    expr: `max by (system, plant) (${outage}) == 1`,
    for: outageFor,
    labels: { severity: 'page', owner: system.owner, process: allValue, system: system.id },
    annotations: {
      summary: 'A system is unavailable at a plant.',
      description:
        `{{ $labels.system }} (${system.name}) is unavailable at plant {{ $labels.plant }}: ` +
        'messages into it fail as upstream outages and the flows that depend on it back ' +
        'up. Their alerts at this plant are held back while this one fires; do not ' +
        'replay into the outage.',
      runbook_url: `${runbookBaseUrl}#${anchor(OUTAGE_ALERT)}`,
    },
  };
}
