import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../src/store/sqlite/migrations.js';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.js';

describe('the SQLite store file', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'syncgov-sqlite-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs in WAL mode with full synchronisation and records its schema version', async () => {
    const store = new SqliteStore(join(dir, 'a.sqlite'));
    await store.migrate();

    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(store.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    await store.close();
  });

  it('migrates an existing file only by the steps it lacks', async () => {
    const path = join(dir, 'b.sqlite');
    const first = new SqliteStore(path);
    await first.migrate();
    await first.close();

    const second = new SqliteStore(path);
    await expect(second.migrate()).resolves.toBeUndefined();
    await second.close();
    const raw = new BetterSqlite3(path, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    raw.close();
  });
});
