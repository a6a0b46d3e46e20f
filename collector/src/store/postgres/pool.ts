import { Pool, TypeOverrides, types, type PoolClient } from 'pg';

/** Something that runs a query: the pool, or a client inside a transaction. */
export type Queryable = Pick<Pool, 'query'> | PoolClient;

/** SQLSTATEs after which a whole transaction can safely run again. */
const RETRYABLE = new Set(['40001', '40P01']);
const ATTEMPTS = 3;

/**
 * A pool whose BIGINT columns (epoch ms, counts) arrive as numbers. Times in
 * ms stay far below 2^53, so nothing is lost; the override is per pool so
 * that no other pg user in the process is affected.
 */
export function createPool(connectionString: string): Pool {
  const overrides = new TypeOverrides();
  overrides.setTypeParser(types.builtins.INT8, Number);
  return new Pool({ connectionString, types: overrides, application_name: 'syncgov-collector' });
}

/**
 * Runs `work` in one transaction on one connection. A deadlock or
 * serialisation failure rolls everything back, so the work is simply run
 * again; any other error is rethrown after the rollback.
 */
export async function inTransaction<T>(
  pool: Pool,
  work: (client: PoolClient) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await once(pool, work);
    } catch (err) {
      if (attempt >= ATTEMPTS || !RETRYABLE.has(sqlState(err))) throw err;
    }
  }
}

async function once<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    // A connection that cannot even roll back is discarded, not reused.
    await client.query('ROLLBACK').catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    throw err;
  } finally {
    client.release(broken);
  }
}

function sqlState(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? code : '';
}
