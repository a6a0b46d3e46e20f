import type { Pool, PoolClient } from 'pg';
import { PG_MIGRATIONS } from './schema.js';

/** Advisory lock namespace of syncgov; the second key names what is locked. */
export const LOCK_SPACE = 0x5379_6e63;
const MIGRATION_LOCK = 1;

/** The table that records which schema versions a database has. */
export const MIGRATIONS_TABLE = 'syncgov_schema_migrations';

/**
 * Brings the database to the newest schema. Replicas starting together queue
 * on a session advisory lock, so only the first applies a version and the
 * others find it recorded.
 */
export async function migrate(pool: Pool, migrations = PG_MIGRATIONS): Promise<void> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('SELECT pg_advisory_lock($1, $2)', [LOCK_SPACE, MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (
      version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
    const applied = await currentVersion(client);
    for (let version = applied + 1; version <= migrations.length; version += 1) {
      await applyVersion(client, version, migrations[version - 1] as string);
    }
  } finally {
    // A session lock outlives the query; a connection that cannot release it
    // is discarded, which releases it too.
    await client.query('SELECT pg_advisory_unlock($1, $2)', [LOCK_SPACE, MIGRATION_LOCK])
      .catch((err: Error) => {
        broken = err;
      });
    client.release(broken);
  }
}

/** The newest schema version recorded, 0 for an empty database. */
export async function currentVersion(client: Pick<PoolClient, 'query'>): Promise<number> {
  const result = await client.query<{ version: number | null }>(
    `SELECT max(version) AS version FROM ${MIGRATIONS_TABLE}`);
  return result.rows[0]?.version ?? 0;
}

async function applyVersion(client: PoolClient, version: number, sql: string): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(sql);
    await client.query(`INSERT INTO ${MIGRATIONS_TABLE} (version) VALUES ($1)`, [version]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  }
}
