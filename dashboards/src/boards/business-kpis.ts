import { MappingType, RowBuilder, type Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { board, numbered } from '../common/board.js';
import { instrumentedShare, onlyFlows, onTimeShare } from '../common/kpi.js';
import { bars, rows, stat, steps } from '../common/panels.js';
import { instant, table } from '../common/query.js';
import {
  collectorJob,
  drainWindow,
  flow,
  interfaceAlerts,
  kpiFlows,
  kpiWindow,
  onTimeThresholds as onTime,
  plantProcess,
  refresh,
  uids,
} from '../config.js';

function onTimePanel(title: string, selector: string) {
  return bars(title, { w: 16, h: 8 }, instant('A', onTimeShare(selector), '{{plant}} · {{process}}'))
    .description('Messages delivered, and within the latency objective, over the last hour.')
    .unit('percentunit')
    .min(0)
    .max(1)
    .thresholds(steps(['red', null], ['orange', onTime.orange], ['green', onTime.green]));
}

function instrumentedPanel(kpi: string, selector: string) {
  return stat(`${kpi} flows instrumented`, { w: 8, h: 8 }, instant('A', instrumentedShare(selector), '{{plant}}'))
    .description('Share of the catalog flows behind this KPI that reported lifecycle events in the last hour.')
    .unit('percentunit')
    .thresholds(steps(['red', null], ['orange', 0.5], ['green', 1]));
}

function orderCycle() {
  const expr = `sum by (plant) (
  (
    sum by (plant, interface) (rate(syncgov_message_latency_seconds_sum{${collectorJob}, plant=~"$plant"}[${kpiWindow}]))
    /
    sum by (plant, interface) (rate(syncgov_message_latency_seconds_count{${collectorJob}, plant=~"$plant"}[${kpiWindow}]))
  )
  ${onlyFlows(kpiFlows.orderCycle)}
)`;
  return bars('Order cycle: time spent in integration', { w: 16, h: 8 }, instant('A', expr, '{{plant}}'))
    .description('Mean delivery time of order release, completion and shipment flows, added up.')
    .unit('s')
    .thresholds(steps(['green', null], ['orange', 300], ['red', 900]));
}

function unpostedInventory() {
  const expr = `sum by (plant, process, state) (
  syncgov_business_exposure_quantity{${collectorJob}, ${plantProcess}}
  * on (process) group_left
  max by (process) (syncgov_interface_info{${collectorJob}, ${kpiFlows.inventory}})
)`;
  return bars('Inventory quantity not yet posted', { w: 24, h: 8 },
    instant('A', expr, '{{plant}} · {{process}} · {{state}}'))
    .description('Quantity in inventory messages in flight or failed: stock the system of record does not show yet.')
    .thresholds(steps(['green', null], ['orange', 100], ['red', 1000]));
}

// Backlog divided by the current delivery rate, for flows with an open
// incident; -1 where nothing is being delivered.
function recovery() {
  const inFlight = `sum by (interface, plant, process) (syncgov_messages_in_flight{${collectorJob}, ${flow}})`;
  const delivering = `sum by (interface, plant, process) (
    rate(syncgov_messages_total{${collectorJob}, ${flow}, outcome="delivered"}[${drainWindow}])
  ) > 0`;
  const expr = `(
  (${inFlight} / (${delivering}))
  or
  (0 * ${inFlight} - 1)
)
and on (interface, plant, process)
${interfaceAlerts}`;
  return rows('Expected recovery of open incidents', { w: 24, h: 8 }, table('A', expr))
    .description('Time to work off the backlog at the current delivery rate, for flows with a firing alert.')
    .unit('s')
    .mappings([{ type: MappingType.ValueToText, options: { '-1': { text: 'Not delivering', color: 'red', index: 0 } } }])
    .withTransformation({ id: 'organize', options: { excludeByName: { Time: true } } });
}

/** The managers' board: business KPIs by plant and process. */
export function businessKpis(): Dashboard {
  const dashboard = board({
    uid: uids.businessKpis,
    title: 'syncgov / Business impact and KPIs',
    description: 'Order cycle, inventory accuracy, production continuity and shipment reliability, with the instrumented share of each and the expected recovery of open incidents.',
    refresh,
    from: 'now-24h',
  })
    .withRow(new RowBuilder('Production continuity'))
    .withPanel(onTimePanel('Production flows on time', kpiFlows.production))
    .withPanel(instrumentedPanel('Production', kpiFlows.production))
    .withRow(new RowBuilder('Shipment reliability'))
    .withPanel(onTimePanel('Shipment flows on time', kpiFlows.shipment))
    .withPanel(instrumentedPanel('Shipment', kpiFlows.shipment))
    .withRow(new RowBuilder('Inventory accuracy signal'))
    .withPanel(onTimePanel('Inventory flows on time', kpiFlows.inventory))
    .withPanel(instrumentedPanel('Inventory', kpiFlows.inventory))
    .withPanel(unpostedInventory())
    .withRow(new RowBuilder('Order cycle time'))
    .withPanel(orderCycle())
    .withPanel(instrumentedPanel('Order', kpiFlows.orderCycle))
    .withRow(new RowBuilder('Open incidents'))
    .withPanel(recovery())
    .build();
  return numbered(dashboard);
}
