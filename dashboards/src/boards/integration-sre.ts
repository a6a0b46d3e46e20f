import { MappingType, RowBuilder, type Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { board, numbered } from '../common/board.js';
import { bars, stat, steps, timeseries } from '../common/panels.js';
import { instant, range, withExemplars } from '../common/query.js';
import { collectorJob, flow, plantProcess, refresh, uids } from '../config.js';

const messages = `syncgov_messages_total{${collectorJob}, ${flow}}`;
const failed = `syncgov_messages_total{${collectorJob}, ${flow}, outcome="failed"}`;
const buckets = `syncgov_message_latency_seconds_bucket{${collectorJob}, ${flow}}`;

function throughput() {
  return timeseries('Messages per second', { w: 8, h: 8 },
    range('A', `sum by (interface, plant) (rate(${messages}[$__rate_interval]))`, '{{interface}} · {{plant}}'))
    .unit('reqps');
}

function failureRatio() {
  const expr = `sum by (interface, plant) (rate(${failed}[$__rate_interval]))
/
sum by (interface, plant) (rate(${messages}[$__rate_interval]))`;
  return timeseries('Failed share', { w: 8, h: 8 }, range('A', expr, '{{interface}} · {{plant}}'))
    .unit('percentunit');
}

function latency() {
  const quantile = (q: number): string =>
    `histogram_quantile(${q}, sum by (le, interface) (rate(${buckets}[$__rate_interval])))`;
  return timeseries('Latency (exemplars link to traces)', { w: 8, h: 8 },
    withExemplars('A', quantile(0.5), 'p50 {{interface}}'),
    withExemplars('B', quantile(0.95), 'p95 {{interface}}'),
    withExemplars('C', quantile(0.99), 'p99 {{interface}}'))
    .unit('s');
}

function budgetRemaining() {
  return bars('Error budget left in the 30-day period', { w: 12, h: 10 },
    instant('A', `slo:period_error_budget_remaining:ratio{${flow}}`, '{{slo}} · {{plant}}'))
    .unit('percentunit')
    .min(0)
    .max(1)
    .thresholds(steps(['red', null], ['orange', 0.25], ['green', 0.5]));
}

function burnRate() {
  return timeseries('Burn rate (5m)', { w: 12, h: 10 },
    range('A', `slo:current_burn_rate:ratio{${flow}}`, '{{slo}} · {{plant}}'));
}

function inFlight() {
  return timeseries('Messages in flight', { w: 8, h: 8 },
    range('A', `sum by (interface, plant) (syncgov_messages_in_flight{${collectorJob}, ${flow}})`,
      '{{interface}} · {{plant}}'));
}

function oldestAge() {
  return timeseries('Oldest message in flight', { w: 8, h: 8 },
    range('A', `max by (interface, plant) (syncgov_oldest_in_flight_message_age_seconds{${collectorJob}, ${flow}})`,
      '{{interface}} · {{plant}}'))
    .unit('s');
}

function stages() {
  return timeseries('Lifecycle events by stage', { w: 8, h: 8 },
    range('A', `sum by (stage) (rate(syncgov_lifecycle_events_total{${collectorJob}, ${flow}}[$__rate_interval]))`,
      '{{stage}}'))
    .unit('reqps');
}

function exceptionsByClass() {
  return bars('Open exceptions by class', { w: 24, h: 7 },
    instant('A', `sum by (class) (syncgov_exceptions_open{${collectorJob}, ${plantProcess}})`, '{{class}}'))
    .thresholds(steps(['green', null], ['orange', 1], ['red', 50]));
}

function collectorUp() {
  return stat('Collector', { w: 4, h: 6 }, instant('A', `up{${collectorJob}}`, '{{instance}}'))
    .mappings([{ type: MappingType.ValueToText, options: {
      '0': { text: 'Down', color: 'red', index: 0 },
      '1': { text: 'Up', color: 'green', index: 1 },
    } }])
    .thresholds(steps(['red', null], ['green', 1]));
}

// Rejections and refused ids may never happen: show 0 rather than no data.
function ingest() {
  return timeseries('Lifecycle events received by the collector', { w: 10, h: 6 },
    range('A', `sum(rate(syncgov_ingest_events_accepted_total{${collectorJob}}[$__rate_interval]))`, 'accepted'),
    range('B', `sum(rate(syncgov_ingest_events_duplicate_total{${collectorJob}}[$__rate_interval]))`, 'duplicate'),
    range('C', `sum by (code) (rate(syncgov_ingest_events_rejected_total{${collectorJob}}[$__rate_interval])) or vector(0)`,
      'rejected {{code}}'),
    range('D', `sum by (label) (rate(syncgov_label_values_refused_total{${collectorJob}}[$__rate_interval])) or vector(0)`,
      'unknown {{label}}'))
    .unit('reqps');
}

function collectorFacts() {
  return stat('Collector facts', { w: 10, h: 6 },
    instant('A', `sum(syncgov_metric_series_active{${collectorJob}})`, 'series exported'),
    instant('B', `max(time() - syncgov_catalog_last_reload_success_timestamp_seconds{${collectorJob}})`,
      'since last catalog load (s)'),
    instant('C', `max(scrape_duration_seconds{${collectorJob}})`, 'scrape duration (s)'),
    instant('D', `count by (version) (syncgov_build_info{${collectorJob}})`, 'version {{version}}'))
    .thresholds(steps(['blue', null]));
}

/** The SRE board: rate, errors and duration per interface, backlog, exceptions, collector health. */
export function integrationSre(): Dashboard {
  const dashboard = board({
    uid: uids.integrationSre,
    title: 'syncgov / Integration SRE',
    description: 'Rate, errors and duration per interface, SLO budgets, backlog, exceptions and the collector itself.',
    refresh,
    from: 'now-6h',
  })
    .withRow(new RowBuilder('Rate, errors, duration'))
    .withPanel(throughput())
    .withPanel(failureRatio())
    .withPanel(latency())
    .withRow(new RowBuilder('Service level objectives'))
    .withPanel(budgetRemaining())
    .withPanel(burnRate())
    .withRow(new RowBuilder('Backlog'))
    .withPanel(inFlight())
    .withPanel(oldestAge())
    .withPanel(stages())
    .withRow(new RowBuilder('Exceptions'))
    .withPanel(exceptionsByClass())
    .withRow(new RowBuilder('Collector'))
    .withPanel(collectorUp())
    .withPanel(ingest())
    .withPanel(collectorFacts())
    .build();
  return numbered(dashboard);
}
