import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { httpReplay, writeCatalogFixture, type CatalogFixture } from '../support/catalog-fixture.js';
import { sample } from '../support/collector-harness.js';
import { spawnCollector, type CollectorProcess } from '../support/collector-process.js';
import { failedEvent, idOf } from '../support/exception-events.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';
import { startReplayTarget, type ReplayTarget } from '../support/replay-target.js';

const OPERATOR = { authorization: 'Bearer demo-operator' };

/** The gauges every replica would read alike from the shared store. */
const SHARED_GAUGES = [
  'syncgov_messages_in_flight',
  'syncgov_oldest_in_flight_message_age_seconds',
  'syncgov_last_success_timestamp_seconds',
  'syncgov_business_exposure_quantity',
  'syncgov_business_exposure_value',
  'syncgov_exceptions_open',
  'syncgov_exceptions_oldest_open_age_seconds',
  'syncgov_system_outage',
];

interface Series {
  labels: Record<string, string>;
  value: number;
}

/**
 * Two collector processes, as two replicas run, on one PostgreSQL database
 * with SQLite unused, and one catalog whose replays go to a real HTTP target.
 */
describe('two collector replicas on one PostgreSQL database', () => {
  let database: TestDatabase;
  let target: ReplayTarget;
  let catalog: CatalogFixture;
  let dataDirs: string[];
  let a: CollectorProcess;
  let b: CollectorProcess;
  let store: PostgresStore;

  beforeAll(async () => {
    database = await createTestDatabase();
    target = await startReplayTarget();
    catalog = writeCatalogFixture(httpReplay(target.url));
    dataDirs = [];
    [a, b] = await Promise.all([replica(), replica()]);
    store = new PostgresStore(database.url);
  });

  /** A replica with a data folder of its own, so that only the database is shared. */
  function replica(): Promise<CollectorProcess> {
    const dir = mkdtempSync(join(tmpdir(), 'syncgov-replica-'));
    dataDirs.push(dir);
    return spawnCollector({
      SYNCGOV_STORE: 'postgres',
      SYNCGOV_POSTGRES_URL: database.url,
      SYNCGOV_CATALOG: catalog.path,
      SYNCGOV_DATA_DIR: dir,
    });
  }

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await store?.close();
    await target?.close();
    catalog?.remove();
    for (const dir of dataDirs ?? []) rmSync(dir, { recursive: true, force: true });
    await database?.drop();
  });

  it('deliver once when 50 replay requests for one exception race across both', async () => {
    const id = await raise(a, 'm-replicas');
    target.mode = { kind: 'slow', delayMs: 50 };

    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) =>
      replay(i % 2 === 0 ? a : b, id, `operator-${i}`)));

    const key = `syncgov:${id}:1`;
    const sent = answers.filter((x) => x.status === 200);
    const refused = answers.filter((x) => x.status !== 200);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toMatchObject({ status: 'sent', replay: { idempotencyKey: key } });
    expect(refused).toHaveLength(49);
    expect(new Set(refused.map((x) => `${x.status} ${x.body.code}`)))
      .toEqual(new Set(['409 SYNCGOV_REPLAY_IN_PROGRESS']));
    expect(target.received.map((r) => [r.idempotencyKey, r.answeredWith]))
      .toEqual([[key, 200]]);
    expect(await store.replaysOf(id)).toEqual([expect.objectContaining({
      attempt: 1, idempotencyKey: key, state: 'sent', responseStatus: 200 })]);
    expect(await store.getException(id)).toMatchObject({ state: 'replaying', replayCount: 1 });
  });

  it('export the shared gauges from exactly one of them, and process counters from each', async () => {
    const id = idOf('m-replicas');
    const exception = await detail(a, id);
    const [textA, textB] = [await scrape(a), await scrape(b)];

    const exporters = [textA, textB].map((text) => sample(text, 'syncgov_shared_state_exporter'));
    expect([...exporters].sort()).toEqual([0, 1]);
    const [exporting, silent] = exporters[0] === 1 ? [textA, textB] : [textB, textA];
    expect(series(exporting, 'syncgov_exceptions_open')).toEqual([{
      labels: { plant: 'cz-pls', process: exception.process, class: 'mapping',
        severity: exception.severity, owner: exception.owner, state: 'replaying' },
      value: 1,
    }]);
    for (const gauge of SHARED_GAUGES) expect(series(silent, gauge), gauge).toEqual([]);
    const sentReplays = [textA, textB].flatMap((text) => series(text, 'syncgov_replays_total'))
      .filter((s) => s.labels.result === 'sent');
    expect(sentReplays.map((s) => s.value)).toEqual([1]);
  });

  it('hand the shared gauges to the survivor when the exporting replica dies', async () => {
    const [textA, textB] = [await scrape(a), await scrape(b)];
    const [exporter, survivor, before] = sample(textA, 'syncgov_shared_state_exporter') === 1
      ? [a, b, textB] : [b, a, textA];
    expect(sample(before, 'syncgov_shared_state_exporter')).toBe(0);
    expect(series(before, 'syncgov_exceptions_open')).toEqual([]);

    await exporter.stop('SIGKILL');
    const text = await scrapeUntil(survivor,
      (t) => sample(t, 'syncgov_shared_state_exporter') === 1);

    expect(series(text, 'syncgov_exceptions_open').map((s) => [s.labels.state, s.value]))
      .toEqual([['replaying', 1]]);
    expect(target.received).toHaveLength(1);
  });
});

async function raise(replica: CollectorProcess, messageId: string): Promise<string> {
  const events = [failedEvent('mapping', { messageId, key: 'PO-77' })];
  const response = await fetch(`${replica.url}/v1/events`, {
    method: 'POST',
    headers: { authorization: 'Bearer demo-ingest', 'content-type': 'application/json' },
    body: JSON.stringify({ events }),
  });
  expect(response.status).toBe(202);
  return idOf(messageId);
}

async function replay(replica: CollectorProcess, id: string, user: string) {
  const response = await fetch(`${replica.url}/v1/exceptions/${id}/actions/replay`, {
    method: 'POST',
    headers: { ...OPERATOR, 'x-grafana-user': user, 'content-type': 'application/json' },
    body: JSON.stringify({ reason: 'mapping fixed' }),
  });
  return { status: response.status, body: await response.json() as Record<string, any> };
}

async function detail(replica: CollectorProcess, id: string): Promise<Record<string, string>> {
  const response = await fetch(`${replica.url}/v1/exceptions/${id}`, { headers: OPERATOR });
  expect(response.status).toBe(200);
  return await response.json() as Record<string, string>;
}

async function scrape(replica: CollectorProcess): Promise<string> {
  const response = await fetch(`${replica.url}/metrics`);
  expect(response.status).toBe(200);
  return response.text();
}

/** Scrapes as Prometheus would, every 100 ms, until `done` or 10 s have passed. */
async function scrapeUntil(replica: CollectorProcess, done: (text: string) => boolean):
  Promise<string> {
  for (let tries = 0; ; tries += 1) {
    const text = await scrape(replica);
    if (done(text) || tries === 100) return text;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every series of one metric in a text exposition, with its labels. */
function series(exposition: string, metric: string): Series[] {
  return exposition.split('\n')
    .filter((line) => line.startsWith(`${metric}{`) || line.startsWith(`${metric} `))
    .map((line) => {
      const at = line.lastIndexOf(' ');
      const labels = Object.fromEntries([...line.slice(0, at).matchAll(/(\w+)="([^"]*)"/g)]
        .map((m) => [m[1]!, m[2]!]));
      return { labels, value: Number(line.slice(at + 1)) };
    });
}
