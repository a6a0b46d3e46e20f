import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDependents } from '../../alerts/src/alertmanager/inhibition.js';
import { readCatalog } from '../../alerts/src/catalog.js';
import { waitFor } from '../../alerts/test/support/ports.js';
import { findTool } from '../../alerts/test/support/tools.js';
import { repoRoot } from './paths.js';
import { exportedFamilies, notified } from './stack/expectations.js';
import {
  ALL, allPanelQueries, describeQuery, REFERENCE_PLANT, returnsData, substitute,
} from './stack/panels.js';
import { alertmanagerAlerts, exemplars, prometheusAlerts } from './stack/prometheus-api.js';
import { replayOneException } from './stack/replay.js';
import { startStack, type Stack } from './stack/stack.js';

const prometheus = findTool('prometheus');
const alertmanager = findTool('prometheus-alertmanager');
const catalog = readCatalog(`${repoRoot}/collector/catalog/example.yaml`);

const MINUTE = 60_000;

/** Milliseconds left until `minutes` after the stacks started. */
function until(started: number, minutes: number): number {
  return Math.max(1000, started + minutes * MINUTE - Date.now());
}

// The MES completions of cz-pls are held from 5s to 185s, then delivered
// late; ERP is down at us-clt from 10s to 250s. Real seconds: only the
// scrape and evaluation intervals are shorter than in production.
const REFERENCE = {
  kind: 'reference', plant: 'cz-pls', interface: 'mes-erp-completion', system: 'erp',
  startAfterSeconds: 5, durationSeconds: 180,
} as const;
const OUTAGE = {
  kind: 'outage', plant: 'us-clt', interface: 'mes-erp-completion', system: 'erp',
  startAfterSeconds: 10, durationSeconds: 240,
} as const;

const completion = {
  interface: 'mes-erp-completion',
  plant: 'cz-pls',
  process: 'production-confirmation',
  owner: 'mes-plant-support',
  severity: 'page',
};
const runbook = 'https://runbooks.example.com/syncgov/mes-erp-completion';

function buildCollector(): void {
  const build = spawnSync('npm', ['run', 'build', '-w', 'collector'], { cwd: repoRoot, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build -w collector failed:\n${build.stdout}${build.stderr}`);
}

describe('the stack, end to end', () => {
  const bin = { prometheus: prometheus as string, alertmanager: alertmanager as string };
  const queries = allPanelQueries();
  const answered = new Map<string, { query: (typeof queries)[number]; ok: boolean }>();
  let polling = false;
  let replayed = false;
  let reference: Stack;
  let outage: Stack;
  let exported = new Set<string>();
  let poller: NodeJS.Timeout | undefined;
  let started = 0;

  // Each query, in both selections, must return data at some point of the
  // scenario, as a dashboard left open through it would show.
  async function pollPanels(): Promise<void> {
    if (polling) return;
    polling = true;
    replayed ||= await replayOneException(reference.collector.url).catch(() => false);
    for (const query of queries) {
      for (const [name, selection] of [['all', ALL], ['cz-pls', REFERENCE_PLANT]] as const) {
        const key = `${describeQuery(query)} [${name}]`;
        if (answered.get(key)?.ok === true) continue;
        const ok = await returnsData(reference.prometheus.url, query, selection).catch(() => false);
        answered.set(key, { query, ok });
      }
    }
    polling = false;
  }

  beforeAll(async () => {
    buildCollector();
    reference = await startStack(REFERENCE, bin);
    started = Date.now();
    exported = exportedFamilies(await (await fetch(`${reference.collector.url}/metrics`)).text());
    outage = await startStack(OUTAGE, bin);
    poller = setInterval(() => void pollPanels(), 15_000);
  }, 3 * MINUTE);

  afterAll(async () => {
    clearInterval(poller);
    await outage?.stop();
    await reference?.stop();
  }, MINUTE);

  it('has the collector export every metric the panels and rules read', () => {
    const read = new Set(queries.flatMap((q) => [...q.expr.matchAll(/\bsyncgov_[a-z_]+/g)])
      .map((m) => m[0].replace(/_(bucket|sum|count)$/, '')));

    expect(read.size).toBeGreaterThan(10);
    expect([...read].filter((name) => !exported.has(name))).toEqual([]);
  });

  it('holds back, during an ERP outage at us-clt, the alerts of the flows it breaks there', async () => {
    const stack = outage;
    const affected = withDependents(catalog, catalog.interfaces
      .filter((i) => i.source === 'erp' || i.target === 'erp').map((i) => i.id));
    const isSymptom = (labels: Record<string, string>): boolean =>
      labels.plant === 'us-clt' && affected.includes(labels.interface ?? '') && labels.alertname !== 'SyncgovSystemOutage';

    await waitFor('the outage and a symptom at us-clt to fire', async () => {
      const firing = (await prometheusAlerts(stack.prometheus.url)).filter((a) => a.state === 'firing');
      return firing.some((a) => a.labels.alertname === 'SyncgovSystemOutage' && a.labels.plant === 'us-clt')
        && firing.some((a) => isSymptom(a.labels));
    }, until(started, 5), 2000);
    await waitFor('Alertmanager to process the alerts', async () =>
      (await alertmanagerAlerts(stack.alertmanager.url)).some((a) => isSymptom(a.labels)), 30_000);

    const amAlerts = await alertmanagerAlerts(stack.alertmanager.url);
    const source = amAlerts.find((a) => a.labels.alertname === 'SyncgovSystemOutage');
    expect(source?.status.state).toBe('active');
    for (const symptom of amAlerts.filter((a) => isSymptom(a.labels))) {
      expect(symptom.status.state, JSON.stringify(symptom.labels)).toBe('suppressed');
      expect(symptom.status.inhibitedBy.length).toBeGreaterThan(0);
    }

    await waitFor('the ERP owner to be paged', async () =>
      notified(stack.webhook.notifications, 'firing', { alertname: 'SyncgovSystemOutage', plant: 'us-clt' })
        .some(({ notification }) => notification.receiver === 'erp-support-page'), 30_000);
    const paged = stack.webhook.notifications.flatMap((n) => n.alerts.filter((a) => a.status === 'firing'));
    expect(paged.filter((a) => isSymptom(a.labels))).toEqual([]);
  }, 7 * MINUTE);

  it('pages the MES owner once for the late completions of cz-pls, then resolves after recovery', async () => {
    const hook = (): typeof reference.webhook.notifications => reference.webhook.notifications;
    const tooOld = { ...completion, alertname: 'SyncgovInterfaceMessagesTooOld' };
    const burn = { ...completion, alertname: 'SyncgovInterfaceLatencyBudgetBurn', long: '1h', short: '5m' };

    await waitFor('the backlog alert to reach the MES owner', async () =>
      notified(hook(), 'firing', tooOld).length > 0, until(started, 5), 1000);
    const [first] = notified(hook(), 'firing', tooOld);
    expect(first?.notification.receiver).toBe('mes-plant-support-page');
    expect(first?.notification.path).toBe('/syncgov/mes-plant-support/page');
    expect(first?.alert.annotations.runbook_url).toBe(`${runbook}#syncgovinterfacemessagestooold`);
    expect(first?.alert.annotations.description).toMatch(
      /^The oldest message in flight on mes-erp-completion at plant cz-pls \(production-confirmation\) has waited .+, more than the 60s latency objective\.$/,
    );

    await waitFor('the latency SLO alert to reach the MES owner', async () =>
      notified(hook(), 'firing', burn).length > 0, until(started, 8), 1000);
    const [late] = notified(hook(), 'firing', burn);
    expect(late?.notification.receiver).toBe('mes-plant-support-page');
    expect(late?.alert.labels).toMatchObject({ slo: 'mes-erp-completion-latency', sli: 'latency' });
    expect(late?.alert.annotations.runbook_url).toBe(`${runbook}#syncgovinterfacelatencybudgetburn`);

    await waitFor('both alerts to resolve after recovery', async () =>
      notified(hook(), 'resolved', tooOld).length > 0 && notified(hook(), 'resolved', burn).length > 0,
    until(started, 11), 1000);

    const otherPages = hook().filter((n) => n.receiver.endsWith('-page') && n.receiver !== 'mes-plant-support-page')
      .flatMap((n) => n.alerts).filter((a) => a.labels.plant === 'cz-pls' && a.labels.process === 'production-confirmation');
    expect(otherPages).toEqual([]);
  }, 12 * MINUTE);

  it('keeps, for the latency panels, exemplars whose traces reach the trace backend', async () => {
    const latency = queries.filter((q) => q.expr.includes('syncgov_message_latency_seconds_bucket'));
    const found = await exemplars(reference.prometheus.url, substitute(latency[0]?.expr ?? '', ALL), 600);

    const orphans = (): (string | undefined)[] => {
      const traced = new Set(reference.traces.spans.map((s) => s.traceId));
      return found.map((e) => e.labels.trace_id).filter((id) => !traced.has(id ?? ''));
    };
    // The collector sends its spans in batches every few seconds.
    await waitFor('the spans of every exemplar to arrive', async () => orphans().length === 0,
      30_000).catch(() => undefined);

    expect(latency.length).toBeGreaterThan(0);
    expect(found.length).toBeGreaterThan(0);
    for (const exemplar of found) expect(exemplar.labels.trace_id).toMatch(/^[0-9a-f]{32}$/);
    expect(orphans()).toEqual([]);
  });

  it('traces the late completions of cz-pls to their production orders, warehouses and deliveries', () => {
    const late = reference.traces.spans.filter((s) => s.attributes['syncgov.interface'] === completion.interface
      && s.attributes['syncgov.plant'] === completion.plant && s.endMs - s.startMs > 60_000);

    expect(late.length).toBeGreaterThan(0);
    for (const span of late) {
      expect(span.attributes).toMatchObject({
        'syncgov.process': completion.process,
        'syncgov.business_key.production_order': expect.stringMatching(/^PO-CZ-PLS-/),
        'syncgov.related_key.warehouse': expect.stringMatching(/^WH-CZ-PLS/),
        'syncgov.related_key.delivery': expect.stringMatching(/^DL-CZ-PLS-/),
      });
    }
  });

  it('returns data for every query of every dashboard panel, with its variables substituted', async () => {
    await waitFor('the last panel poll to finish', async () => !polling, MINUTE);
    await pollPanels();
    const missing = [...answered].filter(([, a]) => !a.ok);

    expect(replayed, 'no exception could be replayed').toBe(true);
    expect(answered.size).toBe(queries.length * 2);
    expect(queries.length).toBeGreaterThan(40);
    expect(missing.map(([key]) => key)).toEqual([]);
  }, 2 * MINUTE);
});
