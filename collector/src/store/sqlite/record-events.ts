import type { Database, Statement } from 'better-sqlite3';
import { exceptionId } from '../../exceptions/identity.js';
import type { SqliteExceptions } from './sqlite-exceptions.js';
import type { ExceptionState } from '../exception-store.js';
import { nextState, type MessageProgress } from '../message-state.js';
import type { EventOutcome, EventRecord, MessageState } from '../store.js';

interface MessageRow {
  state: MessageState;
  last_event_at: number;
  started_at: number;
  related_keys: string;
  trace_id: string | null;
}

/** The statements one batch of events runs, prepared once per database. */
export class EventRecorder {
  private readonly insertEvent: Statement;
  private readonly selectMessage: Statement;
  private readonly upsertMessage: Statement;
  private readonly insertKey: Statement;
  private readonly upsertFlow: Statement;
  private readonly upsertException: Statement;
  private readonly settledBy: Statement;
  private readonly failActiveReplay: Statement;
  private readonly markDown: Statement;
  private readonly markUp: Statement;
  readonly recordBatch: (events: readonly EventRecord[]) => EventOutcome[];
  /** Several callers' batches in one transaction, outcomes per batch. */
  readonly recordBatches: (batches: readonly (readonly EventRecord[])[]) => EventOutcome[][];

  constructor(db: Database, private readonly exceptions: SqliteExceptions) {
    this.insertEvent = db.prepare(`
      INSERT OR IGNORE INTO lifecycle_events (interface_id, message_id, stage, event_time,
        received_at, error_code, error_message, error_category, http_status, attributes)
      VALUES (@interfaceId, @messageId, @stage, @eventTime, @receivedAt, @errorCode,
        @errorMessage, @errorCategory, @httpStatus, @attributes)`);
    this.selectMessage = db.prepare(`
      SELECT state, last_event_at, started_at, related_keys, trace_id FROM messages
      WHERE interface_id = ? AND message_id = ?`);
    this.upsertMessage = db.prepare(UPSERT_MESSAGE);
    this.insertKey = db.prepare(`
      INSERT OR IGNORE INTO business_keys (key_value, key_type, interface_id, message_id, related)
      VALUES (?, ?, ?, ?, ?)`);
    this.upsertFlow = db.prepare(`
      INSERT INTO flow_status (label_interface, label_plant, label_process, last_success_at)
      VALUES (?, ?, ?, ?)
      ON CONFLICT (label_interface, label_plant) DO UPDATE SET
        last_success_at = max(last_success_at, excluded.last_success_at),
        label_process = excluded.label_process`);
    this.upsertException = db.prepare(UPSERT_EXCEPTION);
    this.settledBy = db.prepare(`
      SELECT id, state FROM exceptions WHERE interface_id = ? AND state <> 'resolved'
        AND (message_id = ? OR (state = 'replaying' AND business_key = ?))`);
    this.failActiveReplay = db.prepare(`
      UPDATE replays SET state = ?, settled_at = ?
      WHERE exception_id = ? AND state IN ('sending', 'sent', 'unknown')`);
    this.markDown = db.prepare(`
      INSERT INTO system_status (system, plant, down_since, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (system, plant) DO UPDATE SET
        down_since = coalesce(down_since, excluded.down_since), updated_at = excluded.updated_at`);
    this.markUp = db.prepare(`
      INSERT INTO system_status (system, plant, down_since, updated_at) VALUES (?, ?, NULL, ?)
      ON CONFLICT (system, plant) DO UPDATE SET down_since = NULL, updated_at = excluded.updated_at`);
    this.recordBatches = db.transaction((batches: readonly (readonly EventRecord[])[]) =>
      batches.map((events) => events.map((event) => this.record(event))));
    this.recordBatch = db.transaction((events: readonly EventRecord[]) =>
      events.map((event) => this.record(event)));
  }

  private record(event: EventRecord): EventOutcome {
    const fresh = this.insertEvent.run(eventParams(event)).changes === 1;
    const row = this.selectMessage.get(event.interfaceId, event.messageId) as
      MessageRow | undefined;
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
    this.upsertMessage.run(messageParams(event, state, startedAt));
    // Keys are searchable from the first event on; later events add only new related keys.
    if (!row || (event.relatedKeys.length > 0
      && row.related_keys !== JSON.stringify(event.relatedKeys))) this.recordKeys(event);
    this.followTransition(event, row?.state ?? null, state);
    return { duplicate: false, previousState: row?.state ?? null, state, startedAt, traceId };
  }

  private recordKeys(event: EventRecord): void {
    for (const key of event.businessKeys) {
      this.insertKey.run(key.value, key.type, event.interfaceId, event.messageId, 0);
    }
    for (const key of event.relatedKeys) {
      this.insertKey.run(key.value, key.type, event.interfaceId, event.messageId, 1);
    }
  }

  private followTransition(
    event: EventRecord,
    before: MessageState | null,
    after: MessageState,
  ): void {
    if (event.stage === 'delivered') this.followDelivery(event, before);
    if (event.stage === 'failed' && after === 'failed' && event.classification) {
      this.followFailure(event);
    }
  }

  private followDelivery(event: EventRecord, before: MessageState | null): void {
    const { labels } = event;
    if (before !== 'delivered') {
      this.upsertFlow.run(labels.interface, labels.plant, labels.process, event.eventTime);
    }
    if (event.targetSystem) this.markUp.run(event.targetSystem, event.plantId, event.receivedAt);
    const settled = this.settledBy.all(event.interfaceId, event.messageId,
      event.businessKey.value) as { id: string; state: ExceptionState }[];
    for (const { id, state } of settled) this.resolveByDelivery(id, state, event);
  }

  // A delivery after a replay verifies it; a delivery without one means the
  // middleware got the message through by itself.
  private resolveByDelivery(id: string, state: ExceptionState, event: EventRecord): void {
    const verified = state === 'replaying';
    if (verified) this.failActiveReplay.run('verified', event.receivedAt, id);
    this.exceptions.applyInTransaction({
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

  private followFailure(event: EventRecord): void {
    const id = exceptionId(event.interfaceId, event.messageId);
    const before = this.exceptions.db.prepare('SELECT state FROM exceptions WHERE id = ?')
      .get(id) as { state: ExceptionState } | undefined;
    if (before?.state === 'replaying') this.failActiveReplay.run('failed', event.receivedAt, id);
    this.upsertException.run(exceptionParams(event));
    if (event.classification?.class === 'upstream_outage' && event.targetSystem) {
      this.markDown.run(event.targetSystem, event.plantId, event.eventTime, event.receivedAt);
    }
    const reopened = before !== undefined && ['resolved', 'replaying'].includes(before.state);
    const action = before === undefined ? 'raise' : reopened ? 'reopen' : 'repeat';
    const to: ExceptionState = reopened || before === undefined ? 'open' : before.state;
    this.exceptions.appendAuditInTransaction(id, {
      at: event.receivedAt, actor: 'syncgov', tokenName: null, action,
      reason: event.errorMessage,
      detail: { class: event.classification?.class, errorCode: event.errorCode,
        fromState: before?.state ?? null },
    }, before?.state ?? null, to);
  }
}

const UPSERT_MESSAGE = `
  INSERT INTO messages (interface_id, message_id, plant_id, label_interface, label_plant,
    label_process, business_key_type, business_key, related_keys, correlation_id, state,
    last_stage, started_at, last_event_at, finished_at, quantity, value, unit, currency,
    payload, payload_ref, trace_id)
  VALUES (@interfaceId, @messageId, @plantId, @labelInterface, @labelPlant, @labelProcess,
    @keyType, @keyValue, @relatedKeys, @correlationId, @state, @stage, @startedAt,
    @eventTime, @finishedAt, @quantity, @value, @unit, @currency, @payload, @payloadRef,
    @traceId)
  ON CONFLICT (interface_id, message_id) DO UPDATE SET
    state = excluded.state,
    last_stage = CASE WHEN excluded.last_event_at >= last_event_at
      THEN excluded.last_stage ELSE last_stage END,
    last_event_at = max(last_event_at, excluded.last_event_at),
    finished_at = CASE WHEN excluded.state = 'delivered'
      THEN coalesce(finished_at, excluded.finished_at) ELSE NULL END,
    correlation_id = coalesce(excluded.correlation_id, correlation_id),
    related_keys = CASE WHEN excluded.related_keys = '[]'
      THEN related_keys ELSE excluded.related_keys END,
    quantity = coalesce(excluded.quantity, quantity),
    value = coalesce(excluded.value, value),
    unit = coalesce(excluded.unit, unit),
    currency = coalesce(excluded.currency, currency),
    payload = coalesce(excluded.payload, payload),
    payload_ref = coalesce(excluded.payload_ref, payload_ref),
    trace_id = coalesce(excluded.trace_id, trace_id)`;

const UPSERT_EXCEPTION = `
  INSERT INTO exceptions (id, interface_id, message_id, plant_id, label_interface,
    label_plant, label_process, business_key_type, business_key, class, severity, owner,
    state, fingerprint, recommended_action, error_code, error_message, occurrences,
    first_seen_at, last_seen_at, version, sla_deadline, target_system, hold)
  VALUES (@id, @interfaceId, @messageId, @plantId, @labelInterface, @labelPlant,
    @labelProcess, @keyType, @keyValue, @class, @severity, @owner, 'open', @fingerprint,
    @recommendedAction, @errorCode, @errorMessage, 1, @eventTime, @eventTime, 1,
    @slaDeadline, @targetSystem, @hold)
  ON CONFLICT (interface_id, message_id) DO UPDATE SET
    class = excluded.class,
    severity = CASE WHEN escalated = 1 THEN severity ELSE excluded.severity END,
    owner = excluded.owner,
    fingerprint = excluded.fingerprint,
    recommended_action = excluded.recommended_action,
    error_code = excluded.error_code,
    error_message = excluded.error_message,
    occurrences = occurrences + 1,
    last_seen_at = max(last_seen_at, excluded.last_seen_at),
    reopen_count = reopen_count
      + CASE WHEN state IN ('resolved', 'replaying') THEN 1 ELSE 0 END,
    state = CASE WHEN state IN ('resolved', 'replaying') THEN 'open' ELSE state END,
    hold = CASE WHEN state IN ('resolved', 'replaying') THEN excluded.hold ELSE hold END,
    corrected_at = CASE WHEN state IN ('resolved', 'replaying') THEN NULL
      ELSE corrected_at END,
    corrected_by = CASE WHEN state IN ('resolved', 'replaying') THEN NULL
      ELSE corrected_by END,
    resolved_at = NULL,
    resolution = NULL,
    version = version + 1`;

/** Named parameters of a `lifecycle_events` row; PostgreSQL binds them too. */
export function eventParams(event: EventRecord): Record<string, unknown> {
  return {
    interfaceId: event.interfaceId,
    messageId: event.messageId,
    stage: event.stage,
    eventTime: event.eventTime,
    receivedAt: event.receivedAt,
    errorCode: event.errorCode,
    errorMessage: event.errorMessage,
    errorCategory: event.errorCategory,
    httpStatus: event.httpStatus,
    attributes: event.attributes && JSON.stringify(event.attributes),
  };
}

/** Named parameters of a `messages` row; PostgreSQL binds them too. */
export function messageParams(
  event: EventRecord,
  state: MessageState,
  startedAt: number,
): Record<string, unknown> {
  return {
    ...flowParams(event),
    correlationId: event.correlationId,
    relatedKeys: JSON.stringify(event.relatedKeys),
    state,
    stage: event.stage,
    startedAt,
    eventTime: event.eventTime,
    finishedAt: state === 'delivered' ? event.eventTime : null,
    quantity: event.quantity,
    value: event.value,
    unit: event.unit,
    currency: event.currency,
    payload: event.payload,
    payloadRef: event.payloadRef,
    traceId: event.traceId,
  };
}

/** Named parameters of an `exceptions` row; PostgreSQL binds them too. */
export function exceptionParams(event: EventRecord): Record<string, unknown> {
  const c = event.classification;
  if (c === null) throw new Error('a failed event reached the store unclassified');
  return {
    ...flowParams(event),
    id: exceptionId(event.interfaceId, event.messageId),
    class: c.class,
    severity: c.severity,
    owner: c.owner,
    fingerprint: c.fingerprint,
    recommendedAction: c.recommendedAction,
    errorCode: event.errorCode,
    errorMessage: event.errorMessage,
    eventTime: event.eventTime,
    slaDeadline: c.slaDeadline,
    targetSystem: event.targetSystem,
    hold: c.hold,
  };
}

function flowParams(event: EventRecord): Record<string, unknown> {
  return {
    interfaceId: event.interfaceId,
    messageId: event.messageId,
    plantId: event.plantId,
    labelInterface: event.labels.interface,
    labelPlant: event.labels.plant,
    labelProcess: event.labels.process,
    keyType: event.businessKey.type,
    keyValue: event.businessKey.value,
  };
}
