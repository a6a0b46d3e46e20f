/**
 * Every selector, window and threshold the syncgov rules use, in one place.
 * Deployments change this file (or the catalog), regenerate, and commit.
 */

/** Selects the collector's series; match your scrape job's name. */
export const collectorSelector = 'job="syncgov-collector"';

/** Where alerts that are not about one interface link their runbook. */
export const runbookBaseUrl = 'https://runbooks.example.com/syncgov/alerts';

/** Team owning the collector itself and alerts about the pack's health. */
export const platformOwner = 'integration-ops';

/** Label value for alerts that are about every plant or process at once. */
export const allValue = 'all';

/** Length of the SLO period, for error budget and period burn rate. */
export const sloPeriodDays = 30;

/**
 * Share of delivered messages that must arrive within the interface's
 * latency objective (the catalog gives the objective, not the share).
 */
export const latencyTargetRatio = 0.99;

/** A multi-window burn-rate alert: both windows above factor × budget. */
export interface BurnWindow {
  severity: Severity;
  long: string;
  short: string;
  factor: number;
  for: string;
}

export type Severity = 'page' | 'ticket';

/**
 * The four window pairs of the multi-window, multi-burn-rate method for a
 * 30-day period: 2% and 5% of the budget in one and six hours page; 10% in
 * a day and a full period's burn over three days open a ticket.
 */
export const burnWindows: readonly BurnWindow[] = [
  { severity: 'page', long: '1h', short: '5m', factor: 14.4, for: '2m' },
  { severity: 'page', long: '6h', short: '30m', factor: 6, for: '15m' },
  { severity: 'ticket', long: '1d', short: '2h', factor: 3, for: '1h' },
  { severity: 'ticket', long: '3d', short: '6h', factor: 1, for: '3h' },
];

/** Every window an SLI ratio is recorded for. */
export const sliWindows = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'] as const;

/** Process criticalities whose backlog pages; the others open tickets. */
export const pagingCriticalities: readonly string[] = ['critical', 'high'];

/** Messages in flight: the oldest older than its latency objective. */
export const backlogAge = { objectiveFactor: 1, for: '1m' };

/** Messages in flight: growing over the window and at least this many. */
export const backlogGrowth = { window: '15m', minMessages: 20, for: '10m' };

/** No delivery for this long, by interface pattern, in seconds. */
export const stalenessSeconds: Readonly<Record<string, number>> = {
  'sync-api': 1800,
  'async-event': 1800,
  batch: 26 * 3600,
};

export const stalenessFor = '5m';

/** How long an exception of each class may stay open, in seconds. */
export const exceptionSlaSeconds: Readonly<Record<string, number>> = {
  transient: 1800,
  invalid_master_data: 4 * 3600,
  mapping: 4 * 3600,
  sequence_dependency: 3600,
  posting_rule: 8 * 3600,
  upstream_outage: 3600,
  duplicate: 24 * 3600,
  unknown: 4 * 3600,
};

export const exceptionSlaFor = '5m';

/** Replays that failed or were not confirmed by a later success. */
export const replayFailure = { results: ['failed', 'unverified'], window: '30m', for: '1m' };

/** A system reported unavailable at a plant. */
export const outageFor = '1m';

/** The collector's scrape failing, or its target gone. */
export const collectorDownFor = '2m';
export const collectorAbsentFor = '5m';

/** No lifecycle event accepted: the middleware probes stopped reporting. */
export const ingestStalled = { window: '10m', for: '10m' };

/** Catalog reloads failing, and events naming ids the catalog lacks. */
export const catalogReloadWindow = '15m';
export const refusedLabelValues = { window: '15m', for: '15m' };

/** Alertmanager notification timing (the stack test shortens only these). */
export interface NotificationTiming {
  groupWait: string;
  groupInterval: string;
  repeatInterval: string;
}

export const notificationTiming: NotificationTiming = {
  groupWait: '30s',
  groupInterval: '5m',
  repeatInterval: '4h',
};

/** Base of the webhook receivers: `<base>/<team>/<severity>`. */
export const webhookBaseUrl = 'http://alert-receiver:8080/syncgov';

/**
 * Which exception class's owner (from the catalog) an interface alert goes
 * to: failures are first handled by whoever owns transient faults; late,
 * stuck or silent streams by whoever owns the flow's upstream outages.
 */
export const ownerClass = {
  successBudget: 'transient',
  latencyBudget: 'upstream_outage',
  backlog: 'upstream_outage',
  staleness: 'upstream_outage',
  replay: 'transient',
} as const;
