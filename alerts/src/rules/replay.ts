import type { Catalog, CatalogInterface } from '../catalog.js';
import { ownerClass, replayFailure } from '../config.js';
import { flowText, interfaceAlert } from './interface-alert.js';
import { flowLabels, series } from './promql.js';
import type { AlertingRule, RuleFile } from './types.js';

/** Replays that failed or that no later success confirmed. */
export function replayRules(catalog: Catalog): RuleFile {
  return {
    component: 'replay',
    groups: [
      {
        name: 'syncgov-replay',
        rules: catalog.interfaces.map((itf) => replayAlert(catalog, itf)),
      },
    ],
  };
}

function replayAlert(catalog: Catalog, itf: CatalogInterface): AlertingRule {
  const failed = series('syncgov_replays_total', {
    interface: itf.id,
    result: `~${replayFailure.results.join('|')}`,
  });

  return interfaceAlert(catalog, itf, {
    alert: 'SyncgovInterfaceReplaysFailing',
    expr: `sum by (${flowLabels}) (increase(${failed}[${replayFailure.window}])) > 0`,
    for: replayFailure.for,
    severity: 'ticket',
    ownerClass: ownerClass.replay,
    summary: 'Replays of an interface are failing or stay unconfirmed.',
    description:
      `{{ $value | humanize }} replays on ${flowText} failed or were not confirmed ` +
      `by a later delivery in the last ${replayFailure.window}; do not replay again ` +
      'before the cause is understood.',
  });
}
