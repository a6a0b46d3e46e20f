import type { Catalog, CatalogInterface } from '../catalog.js';
import { ownerClass, stalenessFor, stalenessSeconds } from '../config.js';
import { flowText, interfaceAlert } from './interface-alert.js';
import { flowLabels, series } from './promql.js';
import type { AlertingRule, RuleFile } from './types.js';

/** Interfaces that have delivered nothing for too long. */
export function stalenessRules(catalog: Catalog): RuleFile {
  return {
    component: 'staleness',
    groups: [
      {
        name: 'syncgov-staleness',
        rules: catalog.interfaces.map((itf) => staleAlert(catalog, itf)),
      },
    ],
  };
}

function staleAlert(catalog: Catalog, itf: CatalogInterface): AlertingRule {
  const limit = stalenessSeconds[itf.pattern];
  if (limit === undefined) {
    throw new Error(`config: no staleness limit for pattern ${itf.pattern} of ${itf.id}`);
  }
  const lastSuccess = series('syncgov_last_success_timestamp_seconds', { interface: itf.id });

  return interfaceAlert(catalog, itf, {
    alert: 'SyncgovInterfaceNoRecentSuccess',
    expr: `time() - max by (${flowLabels}) (${lastSuccess}) > ${limit}`,
    for: stalenessFor,
    severity: 'ticket',
    ownerClass: ownerClass.staleness,
    summary: 'An interface has delivered no message for too long.',
    description:
      `${flowText} last delivered a message {{ $value | humanizeDuration }} ago; ` +
      `its ${itf.pattern} pattern expects a delivery at least every ${limit}s.`,
  });
}
