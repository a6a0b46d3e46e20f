import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../../src/store/postgres/postgres-store.js';
import { createTestDatabase, createTestSchema, type TestDatabase } from '../../support/postgres.js';

/** Two collector replicas, each with its own store, on one database. */
describe('the exporter lease of replicas sharing one PostgreSQL store', () => {
  let database: TestDatabase;
  let url: string;
  let opened: PostgresStore[];

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());
  beforeEach(async () => {
    url = await createTestSchema(database.url);
    opened = [];
  });
  afterEach(async () => {
    await Promise.all(opened.map((store) => store.close()));
  });

  const replica = (at = url) => {
    const store = new PostgresStore(at);
    opened.push(store);
    return store;
  };

  it('is held by exactly one of two replicas asking at once, and kept', async () => {
    const [a, b] = [replica(), replica()];

    const first = await Promise.all([a.holdsExporterLease(), b.holdsExporterLease()]);
    const again = await Promise.all([a.holdsExporterLease(), b.holdsExporterLease()]);
    const third = await Promise.all([b.holdsExporterLease(), a.holdsExporterLease()]);

    expect(first.filter(Boolean)).toHaveLength(1);
    expect(again).toEqual(first);
    expect(third).toEqual([first[1], first[0]]);
    expect(await leaseSessions()).toBe(2);
  });

  it('passes to the other replica once the holder closes', async () => {
    const [a, b] = [replica(), replica()];
    expect(await a.holdsExporterLease()).toBe(true);
    expect(await b.holdsExporterLease()).toBe(false);

    await a.close();

    expect(await b.holdsExporterLease()).toBe(true);
    expect(await a.holdsExporterLease()).toBe(false);
    expect(await leaseSessions()).toBe(1);
  });

  it('passes on when the holder\'s session is cut, and the holder then reports false', async () => {
    const [a, b] = [replica(), replica()];
    expect(await a.holdsExporterLease()).toBe(true);
    expect(await b.holdsExporterLease()).toBe(false);

    await terminateHolder();

    expect(await b.holdsExporterLease()).toBe(true);
    expect(await a.holdsExporterLease()).toBe(false);
    expect(await a.holdsExporterLease()).toBe(false);
  });

  it('answers false without throwing when the database cannot be reached', async () => {
    const nowhere = new URL(url);
    nowhere.port = '1';
    const lost = replica(nowhere.toString());

    expect(await lost.holdsExporterLease()).toBe(false);
  });

  it('is elected per schema: a deployment in another schema has its own exporter', async () => {
    const [a, b] = [replica(), replica()];
    const other = replica(await createTestSchema(database.url));

    expect(await a.holdsExporterLease()).toBe(true);
    expect(await b.holdsExporterLease()).toBe(false);
    expect(await other.holdsExporterLease()).toBe(true);
  });

  /** Sessions of this database that hold or wait for the lease. */
  async function leaseSessions(): Promise<number> {
    const rows = await onDatabase(`SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database()
        AND application_name = 'syncgov-collector-exporter-lease'`);
    return rows[0]!.n as number;
  }

  /** Ends the session that holds the advisory lock, as a failover would. */
  async function terminateHolder(): Promise<void> {
    const rows = await onDatabase(`SELECT pg_terminate_backend(l.pid, 5000) AS ended
      FROM pg_locks l JOIN pg_stat_activity s ON s.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND s.datname = current_database()`);
    expect(rows).toEqual([{ ended: true }]);
  }

  async function onDatabase(sql: string): Promise<Record<string, unknown>[]> {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  }
});
