import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/defaults.js';
import { ConfigInvalidError } from '../../src/config/load.js';
import type { CollectorConfig } from '../../src/config/schema.js';
import { openStore } from '../../src/store/open-store.js';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';
import { event } from './contract/fixtures.js';

describe('opening the configured store', () => {
  let database: TestDatabase;
  let dataDir: string;
  let config: CollectorConfig;
  let store: Store | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'syncgov-open-'));
    config = { ...defaultConfig(), dataDir };
  });
  afterEach(async () => {
    await store?.close();
    store = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens SQLite in the data directory by default, migrated', async () => {
    store = await openStore(config);

    expect(store).toBeInstanceOf(SqliteStore);
    expect((store as SqliteStore).path).toBe(join(dataDir, 'syncgov.sqlite'));
    await expect(store.recordEvents([event()])).resolves.toHaveLength(1);
  });

  it('opens PostgreSQL when the store kind is postgres, migrated', async () => {
    config.store = { kind: 'postgres', postgresUrl: database.url };
    store = await openStore(config);

    expect(store).toBeInstanceOf(PostgresStore);
    await expect(store.recordEvents([event()])).resolves.toHaveLength(1);
  });

  it('refuses postgres without a URL, naming the setting to give', async () => {
    config.store = { kind: 'postgres' };
    const err = await openStore(config).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(ConfigInvalidError);
    expect((err as ConfigInvalidError).problems[0]?.path)
      .toBe('store.postgresUrl (SYNCGOV_POSTGRES_URL)');
  });

  it('fails to start when PostgreSQL cannot be reached', async () => {
    config.store = { kind: 'postgres', postgresUrl: 'postgres://postgres@127.0.0.1:1/none' };
    await expect(openStore(config)).rejects.toThrow(/ECONNREFUSED/);
  });
});
