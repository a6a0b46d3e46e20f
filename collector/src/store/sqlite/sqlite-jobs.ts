import type { Database } from 'better-sqlite3';
import {
  JOB_ITEM_STATES,
  type JobItem, type JobItemState, type JobState, type JobStore, type NewJob, type ReplayJob,
} from '../exception-store.js';
import { Params } from '../exception-filter-sql.js';

type Row = Record<string, unknown>;

/** Bulk replay jobs in SQLite. */
export class SqliteJobs implements JobStore {
  constructor(private readonly jobsDb: Database) {}

  async createJob(job: NewJob): Promise<ReplayJob> {
    this.jobsDb.transaction(() => {
      this.jobsDb.prepare(`INSERT INTO replay_jobs (id, filter, state, round, rate_per_second,
        created_by, token_name, created_at, updated_at)
        VALUES (?, ?, 'running', 1, ?, ?, ?, ?, ?)`)
        .run(job.id, JSON.stringify(job.filter), job.ratePerSecond, job.createdBy,
          job.tokenName, job.createdAt, job.createdAt);
      const item = this.jobsDb.prepare(`INSERT INTO replay_job_items (job_id, exception_id,
        position, state) VALUES (?, ?, ?, 'pending')`);
      job.exceptionIds.forEach((id, position) => item.run(job.id, id, position));
    })();
    return (await this.getJob(job.id)) as ReplayJob;
  }

  async getJob(id: string): Promise<ReplayJob | undefined> {
    const row = this.jobsDb.prepare('SELECT * FROM replay_jobs WHERE id = ?').get(id) as
      Row | undefined;
    return row && this.withCounts(row);
  }

  async listJobs(limit: number): Promise<ReplayJob[]> {
    const rows = this.jobsDb.prepare('SELECT * FROM replay_jobs ORDER BY created_at DESC LIMIT ?')
      .all(limit) as Row[];
    return rows.map((row) => this.withCounts(row));
  }

  async jobItems(id: string): Promise<JobItem[]> {
    return (this.jobsDb.prepare(`SELECT * FROM replay_job_items WHERE job_id = ?
      ORDER BY position`).all(id) as Row[]).map(toItem);
  }

  async pendingItems(id: string, limit: number): Promise<JobItem[]> {
    return (this.jobsDb.prepare(`SELECT * FROM replay_job_items WHERE job_id = ?
      AND state = 'pending' ORDER BY position LIMIT ?`).all(id, limit) as Row[]).map(toItem);
  }

  async settleJobItem(id: string, exceptionId: string, state: JobItemState,
    outcome: string | null, replayId: string | null): Promise<void> {
    this.jobsDb.prepare(`UPDATE replay_job_items SET state = ?, outcome = ?,
      replay_id = coalesce(?, replay_id) WHERE job_id = ? AND exception_id = ?`)
      .run(state, outcome, replayId, id, exceptionId);
  }

  async setJobState(id: string, from: readonly JobState[], to: JobState, at: number):
    Promise<boolean> {
    const p = new Params('sqlite');
    const sql = `UPDATE replay_jobs SET state = ${p.add(to)}, updated_at = ${p.add(at)}
      WHERE id = ${p.add(id)} AND state IN (${p.list(from)})`;
    return this.jobsDb.prepare(sql).run(...p.values).changes === 1;
  }

  async resumeJob(id: string, at: number): Promise<ReplayJob | undefined> {
    this.jobsDb.transaction(() => {
      this.jobsDb.prepare(`UPDATE replay_job_items SET state = 'pending', outcome = NULL
        WHERE job_id = ? AND state IN ('failed', 'cancelled')`).run(id);
      this.jobsDb.prepare(`UPDATE replay_jobs SET state = 'running', round = round + 1,
        updated_at = ? WHERE id = ?`).run(at, id);
    })();
    return this.getJob(id);
  }

  async runningJobs(): Promise<ReplayJob[]> {
    const rows = this.jobsDb.prepare("SELECT * FROM replay_jobs WHERE state = 'running'")
      .all() as Row[];
    return rows.map((row) => this.withCounts(row));
  }

  private withCounts(row: Row): ReplayJob {
    const counts = Object.fromEntries(JOB_ITEM_STATES.map((s) => [s, 0])) as
      Record<JobItemState, number>;
    const rows = this.jobsDb.prepare(`SELECT state, count(*) AS n FROM replay_job_items
      WHERE job_id = ? GROUP BY state`).all(row.id) as { state: JobItemState; n: number }[];
    for (const { state, n } of rows) counts[state] = Number(n);
    return toJob(row, counts);
  }
}

/** Maps a row of `replay_jobs` (SQLite or PostgreSQL) and its item counts. */
export function toJob(row: Row, counts: Record<JobItemState, number>): ReplayJob {
  const filter = typeof row.filter === 'string' ? JSON.parse(row.filter) : row.filter;
  return {
    id: String(row.id),
    filter: filter as ReplayJob['filter'],
    state: row.state as JobState,
    round: Number(row.round),
    ratePerSecond: Number(row.rate_per_second),
    createdBy: String(row.created_by),
    tokenName: row.token_name === null ? null : String(row.token_name),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    counts,
    total: Object.values(counts).reduce((a, b) => a + b, 0),
  };
}

export function toItem(row: Row): JobItem {
  return {
    jobId: String(row.job_id),
    exceptionId: String(row.exception_id),
    position: Number(row.position),
    state: row.state as JobItemState,
    outcome: row.outcome === null ? null : String(row.outcome),
    replayId: row.replay_id === null ? null : String(row.replay_id),
  };
}
