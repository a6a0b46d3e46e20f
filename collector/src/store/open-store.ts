import { join } from 'node:path';
import type { CollectorConfig } from '../config/schema.js';
import { SqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

/** Opens and migrates the store the configuration names. */
export async function openStore(config: CollectorConfig): Promise<Store> {
  const path = config.store.sqlitePath ?? join(config.dataDir, 'syncgov.sqlite');
  const store = new SqliteStore(path);
  await store.migrate();
  return store;
}
