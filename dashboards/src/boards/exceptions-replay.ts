import { RowBuilder, type Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { board, numbered } from '../common/board.js';
import { exceptionsLink } from '../common/links.js';
import { bars, rows, stat, steps, timeseries } from '../common/panels.js';
import { instant, range, table } from '../common/query.js';
import { collectorJob, flow, plantProcess, refresh, uids } from '../config.js';

const open = `syncgov_exceptions_open{${collectorJob}, ${plantProcess}}`;
const replays = `syncgov_replays_total{${collectorJob}, ${flow}}`;

function byClassAndOwner() {
  return rows('Open exceptions by class and owner', { w: 12, h: 9 },
    table('A', `sum by (plant, process, class, owner) (${open})`))
    .dataLinks([exceptionsLink()])
    .withTransformation({ id: 'organize', options: { excludeByName: { Time: true } } });
}

function bySeverity() {
  return stat('Open exceptions by severity', { w: 6, h: 9 },
    instant('A', `sum by (severity) (${open})`, '{{severity}}'))
    .thresholds(steps(['green', null], ['orange', 1], ['red', 25]));
}

function awaitingApproval() {
  return stat('Replays awaiting approval', { w: 6, h: 9 },
    instant('A', `sum(syncgov_exceptions_open{${collectorJob}, ${plantProcess}, state="awaiting_approval"}) or vector(0)`,
      'awaiting approval'))
    .description('Exceptions whose replay waits for a business owner to approve it.')
    .thresholds(steps(['green', null], ['orange', 1]));
}

function oldestByClass() {
  return bars('Oldest open exception by class', { w: 12, h: 8 },
    instant('A', `max by (class, owner) (syncgov_exceptions_oldest_open_age_seconds{${collectorJob}, ${plantProcess}})`,
      '{{class}} · {{owner}}'))
    .unit('s')
    .thresholds(steps(['green', null], ['orange', 1800], ['red', 14400]));
}

function byPlant() {
  return bars('Open exceptions by plant and process', { w: 12, h: 8 },
    instant('A', `sum by (plant, process) (${open})`, '{{plant}} · {{process}}'))
    .thresholds(steps(['green', null], ['orange', 1], ['red', 25]));
}

function replayOutcomes() {
  return bars('Replay outcomes in the time range', { w: 12, h: 8 },
    instant('A', `sum by (result) (increase(${replays}[$__range]))`, '{{result}}'))
    .thresholds(steps(['blue', null]));
}

function replayRate() {
  return timeseries('Replays over time', { w: 12, h: 8 },
    range('A', `sum by (result) (rate(${replays}[$__rate_interval]))`, '{{result}}'))
    .unit('reqps');
}

/** The exception handlers' board: what is open, for whom, for how long, and how replays end. */
export function exceptionsReplay(): Dashboard {
  const dashboard = board({
    uid: uids.exceptionsReplay,
    title: 'syncgov / Exceptions and replay',
    description: 'Open exceptions by class and owner, their ages, replay outcomes and approvals waiting.',
    refresh,
    from: 'now-24h',
  })
    .withRow(new RowBuilder('Open exceptions'))
    .withPanel(byClassAndOwner())
    .withPanel(bySeverity())
    .withPanel(awaitingApproval())
    .withPanel(oldestByClass())
    .withPanel(byPlant())
    .withRow(new RowBuilder('Replay'))
    .withPanel(replayOutcomes())
    .withPanel(replayRate())
    .build();
  return numbered(dashboard);
}
