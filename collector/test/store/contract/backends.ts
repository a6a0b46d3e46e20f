import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { PostgresStore } from '../../../src/store/postgres/postgres-store.js';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../../src/store/store.js';
import { createTestDatabase, createTestSchema, type TestDatabase } from '../../support/postgres.js';

/** A migrated, empty store, and a way around it to prove what it refuses. */
export interface OpenedStore {
  store: Store;
  /** Runs SQL directly on the backend, bypassing the store's methods. */
  execute(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** One implementation the contract runs against. */
export interface Backend {
  name: 'sqlite' | 'postgres';
  /** Once per test file: for PostgreSQL, a database of the file's own. */
  setup(): Promise<void>;
  teardown(): Promise<void>;
  /** Once per test: an empty store no other test sees. */
  open(): Promise<OpenedStore>;
}

function sqliteBackend(): Backend {
  let dir = '';
  return {
    name: 'sqlite',
    async setup() {
      dir = mkdtempSync(join(tmpdir(), 'syncgov-contract-'));
    },
    async teardown() {
      rmSync(dir, { recursive: true, force: true });
    },
    async open() {
      const store = new SqliteStore(join(mkdtempSync(join(dir, 's-')), 'syncgov.sqlite'));
      await store.migrate();
      return {
        store,
        execute: async (sql) => {
          store.db.exec(sql);
        },
        close: () => store.close(),
      };
    },
  };
}

function postgresBackend(): Backend {
  let database: TestDatabase | undefined;
  return {
    name: 'postgres',
    async setup() {
      database = await createTestDatabase();
    },
    async teardown() {
      await database?.drop();
    },
    async open() {
      if (!database) throw new Error('postgres backend used before setup()');
      const store = new PostgresStore(await createTestSchema(database.url));
      await store.migrate();
      return {
        store,
        execute: async (sql) => {
          await store.pool.query(sql);
        },
        close: () => store.close(),
      };
    },
  };
}

/** Both backends, fresh for each test file that runs the contract. */
export function backends(): Backend[] {
  return [sqliteBackend(), postgresBackend()];
}

/**
 * Registers the hooks of one backend's describe block: a database for the
 * block, an empty store for each test. Returns the current test's store.
 */
export function useStore(backend: Backend): () => OpenedStore {
  let opened: OpenedStore | undefined;
  beforeAll(() => backend.setup());
  afterAll(() => backend.teardown());
  beforeEach(async () => {
    opened = await backend.open();
  });
  afterEach(async () => {
    await opened?.close();
    opened = undefined;
  });
  return () => {
    if (!opened) throw new Error('no store: used outside a test');
    return opened;
  };
}
