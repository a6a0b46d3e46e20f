import type { Pool } from 'pg';
import type { BusinessKey } from '../../ingest/event-schema.js';
import {
  decodeCursor, encodeCursor, exceptionWhere, Params,
} from '../exception-filter-sql.js';
import type {
  AuditEntry, AuditInput, ChangeResult, ExceptionChange, ExceptionFilter, ExceptionPage,
  ExceptionRecord, ExceptionStore, ImpactRow, ReplayRecord, ReplaySettlement, ReplayState,
  SystemStatusRow,
} from '../exception-store.js';
import { toAudit, toException, toReplay } from '../sqlite/exception-rows.js';
import { applyChangeOn, findException, insertAudit } from './pg-change.js';
import { PgJobs } from './pg-jobs.js';
import { inTransaction } from './pool.js';

type Row = Record<string, unknown>;

/** The exception workflow's part of the PostgreSQL store. */
export class PgExceptions extends PgJobs implements ExceptionStore {
  constructor(readonly pool: Pool) {
    super(pool);
  }

  async getException(id: string): Promise<ExceptionRecord | undefined> {
    return findException(this.pool, id);
  }

  async listExceptions(filter: ExceptionFilter, limit: number, cursor: string | null):
    Promise<ExceptionPage> {
    const total = await this.countExceptions(filter);
    const page = new Params('postgres');
    const where = pageWhere(filter, cursor, page);
    const rows = await this.rows(`SELECT e.* FROM exceptions e ${where}
      ORDER BY e.last_seen_at DESC, e.id DESC LIMIT ${page.add(limit + 1)}`, page.values);

    const items = rows.slice(0, limit).map(toException);
    const last = items[items.length - 1];
    const nextCursor = rows.length > limit && last ? encodeCursor(last.lastSeenAt, last.id) : null;
    return { items, total, nextCursor };
  }

  async impact(filter: ExceptionFilter, now: number): Promise<ImpactRow[]> {
    const p = new Params('postgres');
    const breach = p.add(now);
    const where = exceptionWhere({ ...filter, unresolved: true }, p);
    return this.rows<ImpactRow>(`
      SELECT e.label_plant AS plant, e.label_process AS process, e.severity,
        count(*) AS open, min(e.first_seen_at) AS "oldestFirstSeenAt",
        count(*) FILTER (WHERE e.sla_deadline < ${breach}) AS "slaBreaches",
        (SELECT count(DISTINCT k.business_key_type || ':' || k.business_key) FROM exceptions k
          WHERE k.label_plant = e.label_plant AND k.label_process = e.label_process
            AND k.state <> 'resolved') AS "businessKeys"
      FROM exceptions e ${where}
      GROUP BY e.label_plant, e.label_process, e.severity`, p.values);
  }

  async applyChange(change: ExceptionChange): Promise<ChangeResult> {
    return inTransaction(this.pool, (client) => applyChangeOn(client, change));
  }

  async settleReplay(id: string, from: readonly ReplayState[], s: ReplaySettlement,
    change?: ExceptionChange): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      // Exception before ledger row, the order a delivery locks them in, so
      // a settlement and a verifying delivery never wait on each other.
      if (change) await findException(client, change.exceptionId, true);

      const p = new Params('postgres');
      const sent = s.state === 'sent' || s.state === 'unknown';
      const settled = await client.query(`UPDATE replays SET state = ${p.add(s.state)},
          settled_at = ${p.add(s.at)},
          sent_at = ${sent ? p.add(s.at) : 'sent_at'},
          response_status = coalesce(${p.add(s.responseStatus ?? null)}::integer,
            response_status),
          error = coalesce(${p.add(s.error ?? null)}::text, error),
          verify_deadline = coalesce(${p.add(s.verifyDeadline ?? null)}::bigint,
            verify_deadline)
        WHERE id = ${p.add(id)} AND state IN (${p.list(from)})`, p.values);
      if (settled.rowCount !== 1) return false;

      if (change) await applyChangeOn(client, change);
      return true;
    });
  }

  async getReplay(id: string): Promise<ReplayRecord | undefined> {
    const [row] = await this.rows('SELECT * FROM replays WHERE id = $1', [id]);
    return row && toReplay(row);
  }

  async replayByRequest(requestId: string): Promise<ReplayRecord | undefined> {
    const [row] = await this.rows('SELECT * FROM replays WHERE request_id = $1', [requestId]);
    return row && toReplay(row);
  }

  async replaysOf(exceptionId: string): Promise<ReplayRecord[]> {
    return (await this.rows('SELECT * FROM replays WHERE exception_id = $1 ORDER BY attempt',
      [exceptionId])).map(toReplay);
  }

  async overdueReplays(now: number): Promise<ReplayRecord[]> {
    return (await this.rows(`SELECT * FROM replays WHERE state IN ('sent', 'unknown')
      AND verify_deadline < $1 ORDER BY verify_deadline`, [now])).map(toReplay);
  }

  async auditTrail(exceptionId: string): Promise<AuditEntry[]> {
    return (await this.rows('SELECT * FROM audit_log WHERE exception_id = $1 ORDER BY id',
      [exceptionId])).map(toAudit);
  }

  async prerequisiteDelivered(interfaces: readonly string[], key: BusinessKey):
    Promise<boolean> {
    if (interfaces.length === 0) return true;
    const rows = await this.rows(`SELECT 1 FROM business_keys k JOIN messages m
      ON m.interface_id = k.interface_id AND m.message_id = k.message_id
      WHERE k.key_value = $1 AND k.key_type = $2
        AND m.interface_id = ANY($3::text[]) AND m.state = 'delivered' LIMIT 1`,
    [key.value, key.type, interfaces]);
    return rows.length > 0;
  }

  async systemStatus(): Promise<SystemStatusRow[]> {
    return this.rows<SystemStatusRow>(`SELECT system, plant, down_since AS "downSince"
      FROM system_status ORDER BY system, plant`, []);
  }

  async appendAudit(exceptionId: string, entry: AuditInput): Promise<void> {
    await insertAudit(this.pool, exceptionId, entry, null, null);
  }

  private async countExceptions(filter: ExceptionFilter): Promise<number> {
    const p = new Params('postgres');
    const [row] = await this.rows(`SELECT count(*) AS n FROM exceptions e
      ${exceptionWhere(filter, p)}`, p.values);
    return row?.n as number;
  }

  /** Runs one query on the pool and returns its rows, typed as the caller says. */
  protected async rows<T = Row>(sql: string, values: readonly unknown[]): Promise<T[]> {
    return (await this.pool.query(sql, values as unknown[])).rows as T[];
  }
}

/** The filter's condition and, after a cursor, the keyset that continues the page. */
function pageWhere(filter: ExceptionFilter, cursor: string | null, p: Params): string {
  const where = exceptionWhere(filter, p);
  const after = cursor === null ? null : decodeCursor(cursor);
  if (!after) return where;
  const keyset = `(e.last_seen_at, e.id) < (${p.add(after[0])}, ${p.add(after[1])})`;
  return where === '' ? `WHERE ${keyset}` : `${where} AND ${keyset}`;
}
