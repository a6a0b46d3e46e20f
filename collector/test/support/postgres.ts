import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The server tests use; the database in it is only used to create others. */
export const TEST_SERVER_URL = process.env.SYNCGOV_TEST_POSTGRES_URL
  || 'postgres://postgres@127.0.0.1:5432/test';

/** A database of its own for one test file, dropped at the end. */
export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * Creates a uniquely named database on the test server. An unreachable
 * server fails the test with the way to start one: a PostgreSQL test never
 * skips silently.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `syncgov_t_${randomBytes(6).toString('hex')}`;
  await onServer(`CREATE DATABASE ${name}`);
  return {
    url: withDatabase(TEST_SERVER_URL, name),
    drop: () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/**
 * A URL whose connections see only `schema`: tests in one database stay
 * apart at the cost of a CREATE SCHEMA, not a CREATE DATABASE.
 */
export async function createTestSchema(databaseUrl: string): Promise<string> {
  const schema = `s_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await client.end();
  }
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function onServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_SERVER_URL,
    connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (err) {
    throw unreachable(err);
  }
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function unreachable(err: unknown): Error {
  const where = new URL(TEST_SERVER_URL);
  where.password = '';
  return new Error(
    `PostgreSQL is not reachable at ${where.toString()} (${(err as Error).message}). `
    + 'Start it, e.g. `pg_ctlcluster --skip-systemctl-redirect 15 main start` '
    + '(see `pg_lsclusters` for the version), or point SYNCGOV_TEST_POSTGRES_URL at a '
    + 'server where this user may create databases.',
    { cause: err },
  );
}
