import type { Catalog, CatalogInterface } from '../catalog.js';
import { backlogAge, backlogGrowth, ownerClass } from '../config.js';
import { flowText, interfaceAlert, severityByCriticality } from './interface-alert.js';
import { flowLabels, num, series } from './promql.js';
import type { AlertingRule, RuleFile } from './types.js';

/** Messages in flight too old, and backlogs that keep growing. */
export function backlogRules(catalog: Catalog): RuleFile {
  return {
    component: 'backlog',
    groups: [
      { name: 'syncgov-backlog-age', rules: catalog.interfaces.map((i) => ageAlert(catalog, i)) },
      {
        name: 'syncgov-backlog-growth',
        rules: catalog.interfaces.map((i) => growthAlert(catalog, i)),
      },
    ],
  };
}

function ageAlert(catalog: Catalog, itf: CatalogInterface): AlertingRule {
  const age = series('syncgov_oldest_in_flight_message_age_seconds', { interface: itf.id });
  const limit = itf.latencyObjectiveSeconds * backlogAge.objectiveFactor;

  return interfaceAlert(catalog, itf, {
    alert: 'SyncgovInterfaceMessagesTooOld',
    expr: `max by (${flowLabels}) (${age}) > ${num(limit)}`,
    for: backlogAge.for,
    severity: severityByCriticality(catalog, itf),
    ownerClass: ownerClass.backlog,
    summary: 'Messages of an interface are waiting longer than its latency objective.',
    description:
      `The oldest message in flight on ${flowText} has waited ` +
      `{{ $value | humanizeDuration }}, more than the ${num(limit)}s latency objective.`,
  });
}

function growthAlert(catalog: Catalog, itf: CatalogInterface): AlertingRule {
  const inFlight = series('syncgov_messages_in_flight', { interface: itf.id });
  const { window, minMessages } = backlogGrowth;

  return interfaceAlert(catalog, itf, {
    alert: 'SyncgovInterfaceBacklogGrowing',
    expr:
      `sum by (${flowLabels}) (${inFlight}) >= ${minMessages}\n` +
      `and\nsum by (${flowLabels}) (delta(${inFlight}[${window}])) > 0`,
    for: backlogGrowth.for,
    severity: 'ticket',
    ownerClass: ownerClass.backlog,
    summary: 'The backlog of an interface keeps growing.',
    description:
      `${flowText} has {{ $value }} messages in flight, more than ${window} ago ` +
      `and at least ${minMessages}: the target is not keeping up.`,
  });
}
