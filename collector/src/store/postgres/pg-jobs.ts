import type { Pool } from 'pg';
import {
  JOB_ITEM_STATES,
  type JobItem, type JobItemState, type JobState, type JobStore, type NewJob, type ReplayJob,
} from '../exception-store.js';
import { toItem, toJob } from '../sqlite/sqlite-jobs.js';
import { inTransaction } from './pool.js';

type Row = Record<string, unknown>;

/** Bulk replay jobs in PostgreSQL. */
export class PgJobs implements JobStore {
  constructor(private readonly jobsPool: Pool) {}

  async createJob(job: NewJob): Promise<ReplayJob> {
    await inTransaction(this.jobsPool, async (client) => {
      await client.query(`INSERT INTO replay_jobs (id, filter, state, round, rate_per_second,
          created_by, token_name, created_at, updated_at)
        VALUES ($1, $2, 'running', 1, $3, $4, $5, $6, $6)`,
      [job.id, JSON.stringify(job.filter), job.ratePerSecond, job.createdBy, job.tokenName,
        job.createdAt]);
      // One statement for every item, in the order given: position counts from 0.
      await client.query(`INSERT INTO replay_job_items (job_id, exception_id, position, state)
        SELECT $1, item.id, item.ord - 1, 'pending'
        FROM unnest($2::text[]) WITH ORDINALITY AS item(id, ord)`,
      [job.id, job.exceptionIds]);
    });
    return (await this.getJob(job.id)) as ReplayJob;
  }

  async getJob(id: string): Promise<ReplayJob | undefined> {
    const [row] = await this.jobRows('SELECT * FROM replay_jobs WHERE id = $1', [id]);
    return row && this.withCounts(row);
  }

  async listJobs(limit: number): Promise<ReplayJob[]> {
    const rows = await this.jobRows(
      'SELECT * FROM replay_jobs ORDER BY created_at DESC LIMIT $1', [limit]);
    return Promise.all(rows.map((row) => this.withCounts(row)));
  }

  async jobItems(id: string): Promise<JobItem[]> {
    return (await this.jobRows(`SELECT * FROM replay_job_items WHERE job_id = $1
      ORDER BY position`, [id])).map(toItem);
  }

  async pendingItems(id: string, limit: number): Promise<JobItem[]> {
    return (await this.jobRows(`SELECT * FROM replay_job_items WHERE job_id = $1
      AND state = 'pending' ORDER BY position LIMIT $2`, [id, limit])).map(toItem);
  }

  async settleJobItem(id: string, exceptionId: string, state: JobItemState,
    outcome: string | null, replayId: string | null): Promise<void> {
    await this.jobsPool.query(`UPDATE replay_job_items SET state = $1, outcome = $2,
      replay_id = coalesce($3, replay_id) WHERE job_id = $4 AND exception_id = $5`,
    [state, outcome, replayId, id, exceptionId]);
  }

  async setJobState(id: string, from: readonly JobState[], to: JobState, at: number):
    Promise<boolean> {
    const result = await this.jobsPool.query(`UPDATE replay_jobs SET state = $1, updated_at = $2
      WHERE id = $3 AND state = ANY($4::text[])`, [to, at, id, from]);
    return result.rowCount === 1;
  }

  async resumeJob(id: string, at: number): Promise<ReplayJob | undefined> {
    await inTransaction(this.jobsPool, async (client) => {
      await client.query(`UPDATE replay_job_items SET state = 'pending', outcome = NULL
        WHERE job_id = $1 AND state IN ('failed', 'cancelled')`, [id]);
      await client.query(`UPDATE replay_jobs SET state = 'running', round = round + 1,
        updated_at = $1 WHERE id = $2`, [at, id]);
    });
    return this.getJob(id);
  }

  async runningJobs(): Promise<ReplayJob[]> {
    const rows = await this.jobRows("SELECT * FROM replay_jobs WHERE state = 'running'", []);
    return Promise.all(rows.map((row) => this.withCounts(row)));
  }

  private async withCounts(row: Row): Promise<ReplayJob> {
    const counts = Object.fromEntries(JOB_ITEM_STATES.map((s) => [s, 0])) as
      Record<JobItemState, number>;
    const rows = await this.jobRows(`SELECT state, count(*) AS n FROM replay_job_items
      WHERE job_id = $1 GROUP BY state`, [row.id]);
    for (const { state, n } of rows) counts[state as JobItemState] = Number(n);
    return toJob(row, counts);
  }

  private async jobRows(sql: string, values: unknown[]): Promise<Row[]> {
    return (await this.jobsPool.query<Row>(sql, values)).rows;
  }
}
