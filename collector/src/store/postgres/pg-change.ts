import { randomUUID } from 'node:crypto';
import type { PoolClient } from 'pg';
import { Params } from '../exception-filter-sql.js';
import {
  ChangeConflictError,
  type AuditInput, type ChangeResult, type ExceptionChange, type ExceptionRecord,
  type ExceptionState, type ReplayRecord,
} from '../exception-store.js';
import { FIELD_COLUMNS, toException, toReplay } from '../sqlite/exception-rows.js';
import { idempotencyKey } from '../sqlite/sqlite-exceptions.js';
import type { Queryable } from './pool.js';

type Row = Record<string, unknown>;

/** Reads one exception; with `lock`, holds its row until the transaction ends. */
export async function findException(q: Queryable, id: string, lock = false):
  Promise<ExceptionRecord | undefined> {
  const sql = `SELECT * FROM exceptions WHERE id = $1${lock ? ' FOR UPDATE' : ''}`;
  const row = (await q.query<Row>(sql, [id])).rows[0];
  return row && toException(row);
}

/**
 * Applies a guarded change inside the caller's transaction. The row lock
 * makes concurrent changes of one exception queue, across replicas too; the
 * version and state in the UPDATE's condition are a second guard, so a
 * change that lost the race raises instead of overwriting.
 */
export async function applyChangeOn(client: PoolClient, change: ExceptionChange):
  Promise<ChangeResult> {
  const current = await findException(client, change.exceptionId, true);
  if (!current || !change.from.includes(current.state)) throw new ChangeConflictError(current);

  const updated = await updateGuarded(client, current, change);
  if (!updated) throw new ChangeConflictError(await findException(client, current.id));

  await insertAudit(client, current.id, change.audit, current.state, change.to);
  const replay = change.replay
    ? await insertReplay(client, current, current.replayCount + 1, change)
    : null;
  return { exception: updated, replay };
}

async function updateGuarded(client: PoolClient, current: ExceptionRecord,
  change: ExceptionChange): Promise<ExceptionRecord | undefined> {
  const p = new Params('postgres');
  const sets = [`state = ${p.add(change.to)}`, 'version = version + 1'];
  for (const [field, value] of Object.entries(change.set ?? {})) {
    sets.push(`${FIELD_COLUMNS[field as keyof typeof FIELD_COLUMNS]} = ${p.add(value ?? null)}`);
  }
  if (change.replay) sets.push('replay_count = replay_count + 1');

  const result = await client.query<Row>(`UPDATE exceptions SET ${sets.join(', ')}
    WHERE id = ${p.add(current.id)} AND version = ${p.add(current.version)}
      AND state IN (${p.list(change.from)})
    RETURNING *`, p.values);
  const row = result.rows[0];
  return row && toException(row);
}

/** Appends one line to the audit log. */
export async function insertAudit(q: Queryable, exceptionId: string, a: AuditInput,
  from: ExceptionState | null, to: ExceptionState | null): Promise<void> {
  await q.query(`INSERT INTO audit_log (exception_id, at, actor, token_name, action,
    from_state, to_state, reason, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
  [exceptionId, a.at, a.actor, a.tokenName, a.action, from, to, a.reason,
    a.detail === null ? null : JSON.stringify(a.detail)]);
}

async function insertReplay(client: PoolClient, e: ExceptionRecord, attempt: number,
  change: ExceptionChange): Promise<ReplayRecord> {
  const r = change.replay as NonNullable<ExceptionChange['replay']>;
  const result = await client.query<Row>(`INSERT INTO replays (id, exception_id,
      idempotency_key, attempt, request_id, job_id, requested_by, approved_by, reason,
      target_kind, target, state, created_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'sending', $12)
    RETURNING *`,
  [randomUUID(), e.id, idempotencyKey(e.id, attempt), attempt, r.requestId, r.jobId,
    r.requestedBy, r.approvedBy, r.reason, r.targetKind, r.target, change.audit.at]);
  return toReplay(result.rows[0] as Row);
}
