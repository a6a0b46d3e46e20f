import { MappingType, RowBuilder, type Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { board, numbered } from '../common/board.js';
import { bars, stat, statusMappings, steps, rows, timeseries } from '../common/panels.js';
import { instant, table, withExemplars } from '../common/query.js';
import {
  ageRatioThresholds as age,
  collectorJob,
  currencyUnit,
  flow,
  nocRefresh,
  onTimeThresholds as onTime,
  plantProcess,
  status,
  uids,
} from '../config.js';

// Worst alert state per plant and process; every catalog flow counts as in
// sync (0) until a ticket (1) or page (2) alert fires for it.
const statusExpr = `max by (plant, process) (
    2 * ALERTS{alertstate="firing", severity="page", ${plantProcess}}
  or
    ALERTS{alertstate="firing", severity="ticket", ${plantProcess}}
  or
    0 * syncgov_interface_plant_info{${collectorJob}, ${plantProcess}}
)`;

function syncStatus() {
  return stat('Sync status by plant and process', { w: 24, h: 8 },
    instant('A', statusExpr, '{{plant}} · {{process}}'))
    .description('Worst firing alert of each business process at each plant.')
    .mappings(statusMappings())
    .thresholds(steps([status.inSync.color, null], [status.ticket.color, 1], [status.page.color, 2]));
}

function systemsDown() {
  return stat('Systems unavailable', { w: 8, h: 5 },
    instant('A', `max by (system, plant) (syncgov_system_outage{${collectorJob}, plant=~"$plant"})`,
      '{{system}} · {{plant}}'))
    .mappings([{ type: MappingType.ValueToText, options: {
      '0': { text: 'Up', color: 'green', index: 0 },
      '1': { text: 'Down', color: 'red', index: 1 },
    } }])
    .thresholds(steps(['green', null], ['red', 1]));
}

function inFlight() {
  return bars('Messages in flight', { w: 8, h: 5 },
    instant('A', `sum by (plant) (syncgov_messages_in_flight{${collectorJob}, ${flow}})`, '{{plant}}'))
    .thresholds(steps(['green', null], ['orange', 50], ['red', 200]));
}

function exposure() {
  return stat('Value held in flight', { w: 8, h: 5 },
    instant('A',
      `sum by (plant) (syncgov_business_exposure_value{${collectorJob}, ${plantProcess}, state="in_flight"})`,
      '{{plant}}'))
    .unit(currencyUnit)
    .thresholds(steps(['blue', null]));
}

function oldestAgainstObjective() {
  const expr = `max by (plant, interface) (syncgov_oldest_in_flight_message_age_seconds{${collectorJob}, ${flow}})
/ on (interface) group_left
max by (interface) (syncgov_interface_latency_objective_seconds{${collectorJob}})`;
  return bars('Oldest message in flight, share of its latency objective', { w: 12, h: 9 },
    instant('A', expr, '{{plant}} · {{interface}}'))
    .unit('percentunit')
    .min(0)
    .max(1.5)
    .thresholds(steps(['green', null], ['orange', age.orange], ['red', age.red]));
}

function onTimeWorstFlow() {
  const expr = `min by (plant) (1 - slo:sli_error:ratio_rate1h{sli="latency", ${flow}})`;
  return stat('Delivered within latency objective, worst flow, last hour', { w: 12, h: 9 },
    instant('A', expr, '{{plant}}'))
    .unit('percentunit')
    .decimals(1)
    .thresholds(steps(['red', null], ['orange', onTime.orange], ['green', onTime.green]));
}

function latencyP95() {
  const expr = `histogram_quantile(0.95, sum by (le, interface, plant) (
  rate(syncgov_message_latency_seconds_bucket{${collectorJob}, ${flow}}[$__rate_interval])
))`;
  return timeseries('Latency p95 (exemplars link to traces)', { w: 24, h: 8 },
    withExemplars('A', expr, '{{plant}} · {{interface}}'))
    .unit('s');
}

function activeAlerts() {
  return rows('Active alerts', { w: 24, h: 8 },
    table('A', 'ALERTS{alertstate="firing", plant=~"$plant|all"}'))
    .withTransformation({
      id: 'organize',
      options: {
        excludeByName: { Time: true, Value: true, __name__: true, alertstate: true, job: true },
        indexByName: { alertname: 0, severity: 1, owner: 2, plant: 3, process: 4, interface: 5 },
      },
    });
}

/** The NOC board: plant sync health readable from across a room. */
export function plantHealth(): Dashboard {
  const dashboard = board({
    uid: uids.plantHealth,
    title: 'syncgov / Plant sync health',
    description: 'Status per plant and process, backlog, latency against SLA and active alerts.',
    refresh: nocRefresh,
    from: 'now-3h',
  })
    .withPanel(syncStatus())
    .withRow(new RowBuilder('Backlog'))
    .withPanel(systemsDown())
    .withPanel(inFlight())
    .withPanel(exposure())
    .withRow(new RowBuilder('Latency against SLA'))
    .withPanel(oldestAgainstObjective())
    .withPanel(onTimeWorstFlow())
    .withPanel(latencyP95())
    .withRow(new RowBuilder('Alerts'))
    .withPanel(activeAlerts())
    .build();
  return numbered(dashboard);
}
