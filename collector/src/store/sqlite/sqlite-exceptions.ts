import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { BusinessKey } from '../../ingest/event-schema.js';
import {
  decodeCursor, encodeCursor, exceptionWhere, Params,
} from '../exception-filter-sql.js';
import {
  ChangeConflictError,
  type AuditEntry, type AuditInput, type ChangeResult, type ExceptionChange,
  type ExceptionFilter, type ExceptionPage, type ExceptionState, type ExceptionRecord, type ExceptionStore,
  type ImpactRow, type ReplayRecord, type ReplaySettlement, type ReplayState,
  type SystemStatusRow,
} from '../exception-store.js';
import { SqliteJobs } from './sqlite-jobs.js';
import { FIELD_COLUMNS, fieldValue, toAudit, toException, toReplay } from './exception-rows.js';

type Row = Record<string, unknown>;

/** The exception workflow's part of the SQLite store. */
export class SqliteExceptions extends SqliteJobs implements ExceptionStore {
  constructor(readonly db: Database) {
    super(db);
  }

  async getException(id: string): Promise<ExceptionRecord | undefined> {
    return this.find(id);
  }

  async listExceptions(filter: ExceptionFilter, limit: number, cursor: string | null):
    Promise<ExceptionPage> {
    const p = new Params('sqlite');
    const where = exceptionWhere(filter, p);
    const total = (this.db.prepare(`SELECT count(*) AS n FROM exceptions e ${where}`)
      .get(...p.values) as { n: number }).n;
    const after = cursor === null ? null : decodeCursor(cursor);
    const page = new Params('sqlite');
    let clause = exceptionWhere(filter, page);
    if (after) {
      const keyset = `(e.last_seen_at < ${page.add(after[0])} OR (e.last_seen_at = `
        + `${page.add(after[0])} AND e.id < ${page.add(after[1])}))`;
      clause = clause === '' ? `WHERE ${keyset}` : `${clause} AND ${keyset}`;
    }
    const rows = this.db.prepare(`SELECT e.* FROM exceptions e ${clause}
      ORDER BY e.last_seen_at DESC, e.id DESC LIMIT ${page.add(limit + 1)}`)
      .all(...page.values) as Row[];
    const items = rows.slice(0, limit).map(toException);
    const last = items[items.length - 1];
    const nextCursor = rows.length > limit && last ? encodeCursor(last.lastSeenAt, last.id) : null;
    return { items, total, nextCursor };
  }

  async impact(filter: ExceptionFilter, now: number): Promise<ImpactRow[]> {
    const p = new Params('sqlite');
    const breach = p.add(now);
    const where = exceptionWhere({ ...filter, unresolved: true }, p);
    return this.db.prepare(`
      SELECT e.label_plant AS plant, e.label_process AS process, e.severity,
        count(*) AS open, min(e.first_seen_at) AS oldestFirstSeenAt,
        sum(CASE WHEN e.sla_deadline < ${breach} THEN 1 ELSE 0 END) AS slaBreaches,
        (SELECT count(DISTINCT k.business_key_type || ':' || k.business_key) FROM exceptions k
          WHERE k.label_plant = e.label_plant AND k.label_process = e.label_process
            AND k.state <> 'resolved') AS businessKeys
      FROM exceptions e ${where}
      GROUP BY e.label_plant, e.label_process, e.severity`).all(...p.values) as ImpactRow[];
  }

  async applyChange(change: ExceptionChange): Promise<ChangeResult> {
    return this.db.transaction(() => this.applyInTransaction(change))();
  }

  /** Runs inside a transaction the caller opened. */
  applyInTransaction(change: ExceptionChange): ChangeResult {
    const current = this.find(change.exceptionId);
    if (!current || !change.from.includes(current.state)) throw new ChangeConflictError(current);

    const sets = ['state = ?', 'version = version + 1'];
    const values: unknown[] = [change.to];
    for (const [field, value] of Object.entries(change.set ?? {})) {
      sets.push(`${FIELD_COLUMNS[field as keyof typeof FIELD_COLUMNS]} = ?`);
      values.push(fieldValue(value));
    }
    if (change.replay) sets.push('replay_count = replay_count + 1');
    const updated = this.db.prepare(`UPDATE exceptions SET ${sets.join(', ')}
      WHERE id = ? AND version = ?`).run(...values, current.id, current.version);
    if (updated.changes !== 1) throw new ChangeConflictError(this.find(current.id));

    this.insertAudit(current.id, change.audit, current.state, change.to);
    const replay = change.replay
      ? this.insertReplay(current, current.replayCount + 1, change) : null;
    return { exception: this.find(current.id) as ExceptionRecord, replay };
  }

  async settleReplay(id: string, from: readonly ReplayState[], s: ReplaySettlement,
    change?: ExceptionChange): Promise<boolean> {
    return this.db.transaction(() => {
      const p = new Params('sqlite');
      const sent = s.state === 'sent' || s.state === 'unknown';
      const updated = this.db.prepare(`UPDATE replays SET state = ${p.add(s.state)},
        settled_at = ${p.add(s.at)},
        sent_at = CASE WHEN ${p.add(sent ? 1 : 0)} = 1 THEN ${p.add(s.at)} ELSE sent_at END,
        response_status = coalesce(${p.add(s.responseStatus ?? null)}, response_status),
        error = coalesce(${p.add(s.error ?? null)}, error),
        verify_deadline = coalesce(${p.add(s.verifyDeadline ?? null)}, verify_deadline)
        WHERE id = ${p.add(id)} AND state IN (${p.list(from)})`).run(...p.values);
      if (updated.changes !== 1) return false;
      if (change) this.applyInTransaction(change);
      return true;
    })();
  }

  async getReplay(id: string): Promise<ReplayRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM replays WHERE id = ?').get(id) as Row | undefined;
    return row && toReplay(row);
  }

  async replayByRequest(requestId: string): Promise<ReplayRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM replays WHERE request_id = ?').get(requestId) as
      Row | undefined;
    return row && toReplay(row);
  }

  async replaysOf(exceptionId: string): Promise<ReplayRecord[]> {
    return (this.db.prepare('SELECT * FROM replays WHERE exception_id = ? ORDER BY attempt')
      .all(exceptionId) as Row[]).map(toReplay);
  }

  async overdueReplays(now: number): Promise<ReplayRecord[]> {
    return (this.db.prepare(`SELECT * FROM replays WHERE state IN ('sent', 'unknown')
      AND verify_deadline < ? ORDER BY verify_deadline`).all(now) as Row[]).map(toReplay);
  }

  async auditTrail(exceptionId: string): Promise<AuditEntry[]> {
    return (this.db.prepare('SELECT * FROM audit_log WHERE exception_id = ? ORDER BY id')
      .all(exceptionId) as Row[]).map(toAudit);
  }

  async prerequisiteDelivered(interfaces: readonly string[], key: BusinessKey):
    Promise<boolean> {
    if (interfaces.length === 0) return true;
    const p = new Params('sqlite');
    const row = this.db.prepare(`SELECT 1 FROM business_keys k JOIN messages m
      ON m.interface_id = k.interface_id AND m.message_id = k.message_id
      WHERE k.key_value = ${p.add(key.value)} AND k.key_type = ${p.add(key.type)}
        AND m.interface_id IN (${p.list(interfaces)}) AND m.state = 'delivered' LIMIT 1`)
      .get(...p.values);
    return row !== undefined;
  }

  async systemStatus(): Promise<SystemStatusRow[]> {
    return this.db.prepare(`SELECT system, plant, down_since AS downSince
      FROM system_status ORDER BY system, plant`).all() as SystemStatusRow[];
  }

  async appendAudit(exceptionId: string, entry: AuditInput): Promise<void> {
    this.insertAudit(exceptionId, entry, null, null);
  }

  /** Appends to the audit log inside a transaction the caller opened. */
  appendAuditInTransaction(exceptionId: string, entry: AuditInput,
    from: ExceptionState | null = null, to: ExceptionState | null = null): void {
    this.insertAudit(exceptionId, entry, from, to);
  }

  private find(id: string): ExceptionRecord | undefined {
    const row = this.db.prepare('SELECT * FROM exceptions WHERE id = ?').get(id) as Row | undefined;
    return row && toException(row);
  }

  private insertAudit(id: string, a: AuditInput, from: string | null, to: string | null): void {
    this.db.prepare(`INSERT INTO audit_log (exception_id, at, actor, token_name, action,
      from_state, to_state, reason, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(id, a.at, a.actor, a.tokenName, a.action, from, to, a.reason,
        a.detail === null ? null : JSON.stringify(a.detail));
  }

  private insertReplay(e: ExceptionRecord, attempt: number, change: ExceptionChange):
    ReplayRecord {
    const r = change.replay as NonNullable<ExceptionChange['replay']>;
    const id = randomUUID();
    this.db.prepare(`INSERT INTO replays (id, exception_id, idempotency_key, attempt, request_id,
      job_id, requested_by, approved_by, reason, target_kind, target, state, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'sending', ?)`)
      .run(id, e.id, idempotencyKey(e.id, attempt), attempt, r.requestId, r.jobId,
        r.requestedBy, r.approvedBy, r.reason, r.targetKind, r.target, change.audit.at);
    return toReplay(this.db.prepare('SELECT * FROM replays WHERE id = ?').get(id) as Row);
  }
}

/**
 * The key a target sees: the same for every send of one replay decision, and
 * different for the next decision about the same exception.
 */
export function idempotencyKey(exceptionId: string, attempt: number): string {
  return `syncgov:${exceptionId}:${attempt}`;
}
