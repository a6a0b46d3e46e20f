import {
  allValue,
  catalogReloadWindow,
  collectorAbsentFor,
  collectorDownFor,
  collectorSelector,
  ingestStalled,
  platformOwner,
  refusedLabelValues,
  runbookBaseUrl,
  type Severity,
} from '../config.js';
import { anchor, series } from './promql.js';
import type { AlertingRule, RuleFile } from './types.js';

/** The health of the collector and of the reporting that feeds it. */
export function collectorRules(): RuleFile {
  const rules = [down(), absent(), ingestStalledAlert(), catalogReloadFailing(), unknownIds()];
  return { component: 'collector', groups: [{ name: 'syncgov-collector', rules }] };
}

interface CollectorAlertSpec {
  alert: string;
  expr: string;
  for?: string;
  severity: Severity;
  summary: string;
  description: string;
}

// Collector alerts concern every plant and process the collector serves.
function collectorAlert(spec: CollectorAlertSpec): AlertingRule {
  const rule: AlertingRule = {
    alert: spec.alert,
    expr: spec.expr,
    labels: { severity: spec.severity, owner: platformOwner, plant: allValue, process: allValue },
    annotations: {
      summary: spec.summary,
      description: spec.description,
      runbook_url: `${runbookBaseUrl}#${anchor(spec.alert)}`,
    },
  };
  return spec.for === undefined ? rule : { ...rule, for: spec.for };
}

function down(): AlertingRule {
  return collectorAlert({
    alert: 'SyncgovCollectorDown',
    expr: `up{${collectorSelector}} == 0`,
    for: collectorDownFor,
    severity: 'page',
    summary: 'The syncgov collector cannot be scraped.',
    description:
      'Prometheus has failed to scrape the collector {{ $labels.instance }} for ' +
      `${collectorDownFor}: integration health of every plant is blind.`,
  });
}

function absent(): AlertingRule {
  return collectorAlert({
    alert: 'SyncgovCollectorAbsent',
    expr: `absent(up{${collectorSelector}})`,
    for: collectorAbsentFor,
    severity: 'page',
    summary: 'No syncgov collector is discovered.',
    description:
      'Prometheus has had no scrape target in job {{ $labels.job }} for ' +
      `${collectorAbsentFor}: check the scrape configuration and service discovery.`,
  });
}

function ingestStalledAlert(): AlertingRule {
  const accepted = series('syncgov_ingest_events_accepted_total');
  return collectorAlert({
    alert: 'SyncgovCollectorIngestStalled',
    expr: `sum by (instance) (rate(${accepted}[${ingestStalled.window}])) == 0`,
    for: ingestStalled.for,
    severity: 'ticket',
    summary: 'The collector receives no lifecycle events.',
    description:
      'The collector {{ $labels.instance }} has accepted no lifecycle event for ' +
      `${ingestStalled.window}: the middleware probes and adapters that report to it ` +
      'are down or cannot reach it.',
  });
}

function catalogReloadFailing(): AlertingRule {
  const failures = series('syncgov_catalog_reloads_total', { result: 'failure' });
  return collectorAlert({
    alert: 'SyncgovCollectorCatalogReloadFailing',
    expr: `sum by (instance) (increase(${failures}[${catalogReloadWindow}])) > 0`,
    severity: 'ticket',
    summary: 'The collector refuses a new business service catalog.',
    description:
      'The collector {{ $labels.instance }} counted {{ $value | humanize }} failed catalog ' +
      `loads in ${catalogReloadWindow}; it keeps serving the last good catalog.`,
  });
}

function unknownIds(): AlertingRule {
  const refused = series('syncgov_label_values_refused_total');
  return collectorAlert({
    alert: 'SyncgovCollectorUnknownIds',
    expr: `sum by (instance, label) (increase(${refused}[${refusedLabelValues.window}])) > 0`,
    for: refusedLabelValues.for,
    severity: 'ticket',
    summary: 'Lifecycle events name interfaces or plants the catalog does not know.',
    description:
      'The collector {{ $labels.instance }} counted {{ $value | humanize }} events with an ' +
      `unknown {{ $labels.label }} in ${refusedLabelValues.window}: add it to the catalog ` +
      'or fix the reporting middleware.',
  });
}
