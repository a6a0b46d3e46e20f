import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ChangeConflictError } from '../../../src/store/exception-store.js';
import { MIGRATIONS_TABLE } from '../../../src/store/postgres/migrate.js';
import { PostgresStore } from '../../../src/store/postgres/postgres-store.js';
import { PG_MIGRATIONS } from '../../../src/store/postgres/schema.js';
import type { EventRecord } from '../../../src/store/store.js';
import { createTestDatabase, createTestSchema, type TestDatabase } from '../../support/postgres.js';
import {
  event, failure, idOf, MINUTE, newReplay, raise, replayChange, T0,
} from '../contract/fixtures.js';

/** Two collector replicas: two stores, each with its own pool, on one schema. */
describe('two replicas sharing one PostgreSQL store', () => {
  let database: TestDatabase;
  let url: string;
  let a: PostgresStore;
  let b: PostgresStore;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());
  beforeEach(async () => {
    url = await createTestSchema(database.url);
    [a, b] = [new PostgresStore(url), new PostgresStore(url)];
  });
  afterEach(async () => {
    await Promise.all([a.close(), b.close()]);
  });

  it('migrate together: the schema is built once and its version recorded once', async () => {
    await Promise.all([a.migrate(), b.migrate()]);

    const versions = await a.pool.query(
      `SELECT version FROM ${MIGRATIONS_TABLE} ORDER BY version`);
    expect(versions.rows).toEqual(PG_MIGRATIONS.map((_, i) => ({ version: i + 1 })));
    await expect(b.migrate()).resolves.toBeUndefined();
  });

  it('let exactly one of 50 concurrent replay requests for one exception through', async () => {
    await migrated();
    const id = idOf('msg-1');
    await raise(a);

    const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) =>
      (i % 2 === 0 ? a : b).applyChange(replayChange(id,
        { replay: newReplay({ requestId: `req-${i}` }) }))));

    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    for (const { reason } of lost) {
      expect(reason).toBeInstanceOf(ChangeConflictError);
      expect((reason as ChangeConflictError).current?.state).toBe('replaying');
    }
    const ledger = await b.replaysOf(id);
    expect(ledger).toHaveLength(1);
    expect(ledger[0]?.idempotencyKey).toBe(`syncgov:${id}:1`);
    expect(await a.getException(id)).toMatchObject({ state: 'replaying', replayCount: 1,
      version: 2 });
    expect((await a.auditTrail(id)).map((x) => x.action)).toEqual(['raise', 'replay']);
  });

  it('record the events of the same messages at once without losing a transition', async () => {
    await migrated();
    const ids = Array.from({ length: 30 }, (_, i) => `m-${i}`);
    const failures = ids.map((messageId) => failure({ messageId, eventTime: T0 }));
    const deliveries = ids.reverse().map((messageId) => event({ messageId, stage: 'delivered',
      eventTime: T0 + MINUTE }));

    await Promise.all([
      ...batches(failures, 3).map((batch) => a.recordEvents(batch)),
      ...batches(deliveries, 3).map((batch) => b.recordEvents(batch)),
    ]);

    for (const messageId of ids) {
      expect(await a.getMessage('mes-erp-completion', messageId))
        .toMatchObject({ state: 'delivered', finishedAt: T0 + MINUTE });
      expect(await b.messageHistory('mes-erp-completion', messageId)).toHaveLength(2);
    }
    expect(await a.flowGauges()).toEqual([]);
    expect((await a.listExceptions({ unresolved: true }, 50, null)).total).toBe(0);
  });

  it('commit synchronously, so a stored batch survives a crash of the server', async () => {
    await migrated();
    const result = await a.pool.query<{ synchronous_commit: string }>('SHOW synchronous_commit');
    expect(result.rows[0]?.synchronous_commit).toBe('on');
  });

  it('refuse to truncate the audit log', async () => {
    await migrated();
    await raise(a);
    await expect(a.pool.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    expect(await a.auditTrail(idOf('msg-1'))).toHaveLength(1);
  });

  it('read epoch milliseconds back as numbers, not strings', async () => {
    await migrated();
    await a.recordEvents([event({ eventTime: 8_000_000_000_000 })]);
    const raw = new pg.Client({ connectionString: url });
    await raw.connect();
    const text = await raw.query('SELECT started_at FROM messages');
    await raw.end();

    expect(text.rows[0]?.started_at).toBe('8000000000000');
    expect((await a.getMessage('mes-erp-completion', 'msg-1'))?.startedAt).toBe(8_000_000_000_000);
  });

  async function migrated(): Promise<void> {
    await a.migrate();
    await b.migrate();
  }
});

function batches(events: EventRecord[], size: number): EventRecord[][] {
  const out: EventRecord[][] = [];
  for (let i = 0; i < events.length; i += size) out.push(events.slice(i, i + size));
  return out;
}
