import type { Catalog, CatalogInterface } from '../catalog.js';
import { ownerOf } from '../catalog.js';
import {
  burnWindows,
  latencyTargetRatio,
  ownerClass,
  sliWindows,
  sloPeriodDays,
  type BurnWindow,
} from '../config.js';
import { anchor, flowLabels, num, series } from './promql.js';
import type { AlertingRule, RecordingRule, RuleFile, RuleGroup } from './types.js';

/** One service level indicator of an interface, measured per plant. */
interface Sli {
  kind: 'success' | 'latency';
  itf: CatalogInterface;
  objective: number;
  owner: string;
  errorRatio: (window: string) => string;
}

/** Multi-window, multi-burn-rate SLO rules for every catalog interface. */
export function sloRules(catalog: Catalog): RuleFile {
  const slis = catalog.interfaces.flatMap((itf) => [
    successSli(catalog, itf),
    latencySli(catalog, itf),
  ]);
  return { component: 'slo', groups: slis.flatMap(sliGroups) };
}

function successSli(catalog: Catalog, itf: CatalogInterface): Sli {
  const all = series('syncgov_messages_total', { interface: itf.id });
  const failed = series('syncgov_messages_total', { interface: itf.id, outcome: 'failed' });

  // Zero rather than no data while nothing has failed yet.
  const errorRatio = (w: string): string =>
    `(\n  sum by (${flowLabels}) (rate(${failed}[${w}]))\n` +
    `  or on (${flowLabels})\n  0 * sum by (${flowLabels}) (rate(${all}[${w}]))\n)\n` +
    `/\nsum by (${flowLabels}) (rate(${all}[${w}]))`;
  const owner = ownerOf(catalog, itf, ownerClass.successBudget);
  return { kind: 'success', itf, objective: itf.successObjective, owner, errorRatio };
}

function latencySli(catalog: Catalog, itf: CatalogInterface): Sli {
  const count = series('syncgov_message_latency_seconds_count', { interface: itf.id });
  const withinObjective = series('syncgov_message_latency_seconds_bucket', {
    interface: itf.id,
    le: num(itf.latencyObjectiveSeconds),
  });

  const errorRatio = (w: string): string =>
    `(\n  sum by (${flowLabels}) (rate(${count}[${w}]))\n  -\n` +
    `  sum by (${flowLabels}) (rate(${withinObjective}[${w}]))\n)\n` +
    `/\nsum by (${flowLabels}) (rate(${count}[${w}]))`;
  const owner = ownerOf(catalog, itf, ownerClass.latencyBudget);
  return { kind: 'latency', itf, objective: latencyTargetRatio, owner, errorRatio };
}

// One group per SLO: rules of a group run in order, so the alerts always
// read the ratios recorded in the same evaluation.
function sliGroups(sli: Sli): RuleGroup[] {
  const rules = [
    ...sliRecordings(sli),
    ...metaRecordings(sli),
    ...burnWindows.map((w) => burnAlert(sli, w)),
  ];
  return [{ name: `syncgov-slo-${sloId(sli)}`, rules }];
}

function sloId(sli: Sli): string {
  return `${sli.itf.id}-${sli.kind}`;
}

function sloLabels(sli: Sli): Record<string, string> {
  return { slo: sloId(sli), sli: sli.kind };
}

function sliRecordings(sli: Sli): RecordingRule[] {
  const windows: RecordingRule[] = sliWindows.map((w) => ({
    record: `slo:sli_error:ratio_rate${w}`,
    expr: sli.errorRatio(w),
    labels: sloLabels(sli),
  }));

  const fiveMinutes = `slo:sli_error:ratio_rate5m{slo="${sloId(sli)}"}`;
  const period = `${sloPeriodDays}d`;
  const periodRatio: RecordingRule = {
    record: `slo:sli_error:ratio_rate${period}`,
    expr: `sum_over_time(${fiveMinutes}[${period}])\n/\ncount_over_time(${fiveMinutes}[${period}])`,
    labels: sloLabels(sli),
  };
  return [...windows, periodRatio];
}

function metaRecordings(sli: Sli): RecordingRule[] {
  const slo = `{slo="${sloId(sli)}"}`;
  const labels = { ...sloLabels(sli), interface: sli.itf.id, process: sli.itf.process };
  const budget = `slo:error_budget:ratio${slo}`;
  const period = `${sloPeriodDays}d`;

  return [
    { record: 'slo:objective:ratio', expr: `vector(${num(sli.objective)})`, labels },
    { record: 'slo:error_budget:ratio', expr: `vector(${num(1 - sli.objective)})`, labels },
    { record: 'slo:time_period:days', expr: `vector(${sloPeriodDays})`, labels },
    {
      record: 'slo:current_burn_rate:ratio',
      expr: `slo:sli_error:ratio_rate5m${slo}\n/ on (slo) group_left\n${budget}`,
      labels: sloLabels(sli),
    },
    {
      record: 'slo:period_burn_rate:ratio',
      expr: `slo:sli_error:ratio_rate${period}${slo}\n/ on (slo) group_left\n${budget}`,
      labels: sloLabels(sli),
    },
    {
      record: 'slo:period_error_budget_remaining:ratio',
      expr: `1 - slo:period_burn_rate:ratio${slo}`,
      labels: sloLabels(sli),
    },
  ];
}

const SUMMARY = {
  success: 'An interface is failing messages faster than its success objective allows.',
  latency: 'An interface is delivering messages later than its latency objective allows.',
};

function burnAlert(sli: Sli, window: BurnWindow): AlertingRule {
  const alert = sli.kind === 'success'
    ? 'SyncgovInterfaceSuccessBudgetBurn'
    : 'SyncgovInterfaceLatencyBudgetBurn';
  const threshold = num(window.factor * (1 - sli.objective));
  const slo = `{slo="${sloId(sli)}"}`;

  return {
    alert,
    expr:
      `slo:sli_error:ratio_rate${window.long}${slo} > ${threshold}\n` +
      `and\nslo:sli_error:ratio_rate${window.short}${slo} > ${threshold}`,
    for: window.for,
    labels: {
      severity: window.severity,
      owner: sli.owner,
      long: window.long,
      short: window.short,
      ...sloLabels(sli),
    },
    annotations: {
      summary: SUMMARY[sli.kind],
      description: burnDescription(sli, window),
      runbook_url: `${sli.itf.runbook}#${anchor(alert)}`,
    },
  };
}

function burnDescription(sli: Sli, window: BurnWindow): string {
  const where = '{{ $labels.interface }} at plant {{ $labels.plant }} ({{ $labels.process }})';
  const burn = `burning the error budget ${window.factor} times faster than the ` +
    `${sloPeriodDays}-day period allows`;
  const share = '{{ $value | humanizePercentage }}';

  if (sli.kind === 'success') {
    return `${where} failed ${share} of its messages over the last ${window.long}, ` +
      `${burn} (objective ${percent(sli.objective)} delivered).`;
  }
  return `${where} delivered ${share} of its messages later than ` +
    `${sli.itf.latencyObjectiveSeconds}s over the last ${window.long}, ${burn} ` +
    `(objective ${percent(sli.objective)} within ${sli.itf.latencyObjectiveSeconds}s).`;
}

function percent(ratio: number): string {
  return `${num(ratio * 100)}%`;
}
