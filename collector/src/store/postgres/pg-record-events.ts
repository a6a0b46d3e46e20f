import type { PoolClient } from 'pg';
import { exceptionId } from '../../exceptions/identity.js';
import type { ExceptionState } from '../exception-store.js';
import { nextState, type MessageProgress } from '../message-state.js';
import { eventParams, exceptionParams, messageParams } from '../sqlite/record-events.js';
import type { EventOutcome, EventRecord, MessageState } from '../store.js';
import { LOCK_SPACE } from './migrate.js';
import { named } from './named.js';
import { applyChangeOn, insertAudit } from './pg-change.js';
import {
  INSERT_EVENT, INSERT_KEY, LOCK_EXCEPTION_STATE, LOCK_MESSAGES, MARK_DOWN, MARK_UP,
  SELECT_MESSAGE, SETTLE_ACTIVE_REPLAY, SETTLED_BY, UPSERT_EXCEPTION, UPSERT_FLOW,
  UPSERT_MESSAGE,
} from './pg-event-sql.js';

/** Second advisory-lock key space: one lock per message. */
const MESSAGE_LOCKS = LOCK_SPACE + 1;

interface MessageRow {
  state: MessageState;
  last_event_at: number;
  started_at: number;
  related_keys: string;
  trace_id: string | null;
}

/**
 * Records one batch inside the caller's transaction, event by event, with
 * the same state machine and side effects as the SQLite recorder.
 */
export async function recordBatch(client: PoolClient, events: readonly EventRecord[]):
  Promise<EventOutcome[]> {
  const keys = events.map((e) => `${e.interfaceId}\n${e.messageId}`);
  await client.query(LOCK_MESSAGES, [MESSAGE_LOCKS, keys]);
  const outcomes: EventOutcome[] = [];
  for (const event of events) outcomes.push(await record(client, event));
  return outcomes;
}

async function record(client: PoolClient, event: EventRecord): Promise<EventOutcome> {
  const fresh = (await run(client, INSERT_EVENT, eventParams(event))).rowCount === 1;
  const row = (await client.query<MessageRow>(SELECT_MESSAGE,
    [event.interfaceId, event.messageId])).rows[0];
  const startedAt = row?.started_at ?? event.sourceTime ?? event.eventTime;
  const traceId = event.traceId ?? row?.trace_id ?? null;
  if (!fresh) {
    const state = row?.state ?? 'in_flight';
    return { duplicate: true, previousState: state, state, startedAt, traceId };
  }

  const previous: MessageProgress | undefined = row && {
    state: row.state,
    lastEventAt: row.last_event_at,
  };
  const state = nextState(previous, event.stage, event.eventTime);
  await run(client, UPSERT_MESSAGE, messageParams(event, state, startedAt));
  // Keys are searchable from the first event on; later events add only new related keys.
  if (!row || (event.relatedKeys.length > 0
    && row.related_keys !== JSON.stringify(event.relatedKeys))) await recordKeys(client, event);
  await followTransition(client, event, row?.state ?? null, state);
  return { duplicate: false, previousState: row?.state ?? null, state, startedAt, traceId };
}

async function run(client: PoolClient, sql: string, params: Record<string, unknown>) {
  return client.query(...named(sql, params));
}

async function recordKeys(client: PoolClient, event: EventRecord): Promise<void> {
  const keyed = [
    ...event.businessKeys.map((key) => ({ key, related: false })),
    ...event.relatedKeys.map((key) => ({ key, related: true })),
  ];
  for (const { key, related } of keyed) {
    await client.query(INSERT_KEY,
      [key.value, key.type, event.interfaceId, event.messageId, related]);
  }
}

async function followTransition(client: PoolClient, event: EventRecord,
  before: MessageState | null, after: MessageState): Promise<void> {
  if (event.stage === 'delivered') await followDelivery(client, event, before);
  if (event.stage === 'failed' && after === 'failed' && event.classification) {
    await followFailure(client, event);
  }
}

async function followDelivery(client: PoolClient, event: EventRecord,
  before: MessageState | null): Promise<void> {
  const { labels } = event;
  if (before !== 'delivered') {
    await client.query(UPSERT_FLOW,
      [labels.interface, labels.plant, labels.process, event.eventTime]);
  }
  if (event.targetSystem) {
    await client.query(MARK_UP, [event.targetSystem, event.plantId, event.receivedAt]);
  }
  const settled = await client.query<{ id: string; state: ExceptionState }>(SETTLED_BY,
    [event.interfaceId, event.messageId, event.businessKey.value]);
  for (const { id, state } of settled.rows) await resolveByDelivery(client, id, state, event);
}

// A delivery after a replay verifies it; a delivery without one means the
// middleware got the message through by itself.
async function resolveByDelivery(client: PoolClient, id: string, state: ExceptionState,
  event: EventRecord): Promise<void> {
  const verified = state === 'replaying';
  if (verified) await client.query(SETTLE_ACTIVE_REPLAY, ['verified', event.receivedAt, id]);
  await applyChangeOn(client, {
    exceptionId: id,
    from: [state],
    to: 'resolved',
    set: { resolution: verified ? 'replay_verified' : 'delivered', resolvedAt: event.receivedAt,
      hold: null },
    audit: { at: event.receivedAt, actor: 'syncgov', tokenName: null,
      action: verified ? 'verify' : 'resolve', reason: `delivered message ${event.messageId}`,
      detail: { stage: event.stage, eventTime: new Date(event.eventTime).toISOString() } },
  });
}

async function followFailure(client: PoolClient, event: EventRecord): Promise<void> {
  const id = exceptionId(event.interfaceId, event.messageId);
  const before = (await client.query<{ state: ExceptionState }>(LOCK_EXCEPTION_STATE, [id]))
    .rows[0];
  if (before?.state === 'replaying') {
    await client.query(SETTLE_ACTIVE_REPLAY, ['failed', event.receivedAt, id]);
  }
  await run(client, UPSERT_EXCEPTION, exceptionParams(event));
  if (event.classification?.class === 'upstream_outage' && event.targetSystem) {
    await client.query(MARK_DOWN,
      [event.targetSystem, event.plantId, event.eventTime, event.receivedAt]);
  }
  const reopened = before !== undefined && ['resolved', 'replaying'].includes(before.state);
  const action = before === undefined ? 'raise' : reopened ? 'reopen' : 'repeat';
  const to: ExceptionState = reopened || before === undefined ? 'open' : before.state;
  await insertAudit(client, id, {
    at: event.receivedAt, actor: 'syncgov', tokenName: null, action,
    reason: event.errorMessage,
    detail: { class: event.classification?.class, errorCode: event.errorCode,
      fromState: before?.state ?? null },
  }, before?.state ?? null, to);
}
