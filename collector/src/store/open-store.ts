import { join } from 'node:path';
import { ConfigInvalidError } from '../config/load.js';
import type { CollectorConfig } from '../config/schema.js';
import { PostgresStore } from './postgres/postgres-store.js';
import { SqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

/**
 * Opens and migrates the store the configuration names: SQLite by default,
 * PostgreSQL when `store.kind` is `postgres` (SYNCGOV_STORE=postgres), so
 * that several replicas can share one database.
 */
export async function openStore(config: CollectorConfig): Promise<Store> {
  const store = config.store.kind === 'postgres'
    ? new PostgresStore(postgresUrl(config))
    : new SqliteStore(config.store.sqlitePath ?? join(config.dataDir, 'syncgov.sqlite'));
  try {
    await store.migrate();
  } catch (err) {
    await store.close().catch(() => undefined);
    throw err;
  }
  return store;
}

function postgresUrl(config: CollectorConfig): string {
  const url = config.store.postgresUrl;
  if (url !== undefined && url !== '') return url;
  throw new ConfigInvalidError([{
    path: 'store.postgresUrl (SYNCGOV_POSTGRES_URL)',
    value: url ?? null,
    expected: 'a PostgreSQL connection URL such as postgres://user@host:5432/syncgov, '
      + 'required when store.kind (SYNCGOV_STORE) is postgres',
    message: 'store.postgresUrl is required when store.kind is postgres',
  }]);
}
