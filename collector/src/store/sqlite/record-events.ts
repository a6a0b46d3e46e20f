import type { Database, Statement } from 'better-sqlite3';
import { exceptionId } from '../../exceptions/identity.js';
import { nextState, type MessageProgress } from '../message-state.js';
import type { EventOutcome, EventRecord, MessageState } from '../store.js';

interface MessageRow {
  state: MessageState;
  last_event_at: number;
  started_at: number;
}

/** The statements one batch of events runs, prepared once per database. */
export class EventRecorder {
  private readonly insertEvent: Statement;
  private readonly selectMessage: Statement;
  private readonly upsertMessage: Statement;
  private readonly insertKey: Statement;
  private readonly upsertFlow: Statement;
  private readonly upsertException: Statement;
  private readonly resolveException: Statement;
  readonly recordBatch: (events: readonly EventRecord[]) => EventOutcome[];

  constructor(db: Database) {
    this.insertEvent = db.prepare(`
      INSERT OR IGNORE INTO lifecycle_events (interface_id, message_id, stage, event_time,
        received_at, error_code, error_message, error_category, http_status, attributes)
      VALUES (@interfaceId, @messageId, @stage, @eventTime, @receivedAt, @errorCode,
        @errorMessage, @errorCategory, @httpStatus, @attributes)`);
    this.selectMessage = db.prepare(`
      SELECT state, last_event_at, started_at FROM messages
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
    this.resolveException = db.prepare(`
      UPDATE exceptions SET state = 'resolved', resolved_at = ?, resolution = 'delivered',
        version = version + 1
      WHERE interface_id = ? AND message_id = ? AND state <> 'resolved'`);
    this.recordBatch = db.transaction((events: readonly EventRecord[]) =>
      events.map((event) => this.record(event)));
  }

  private record(event: EventRecord): EventOutcome {
    const fresh = this.insertEvent.run(eventParams(event)).changes === 1;
    const row = this.selectMessage.get(event.interfaceId, event.messageId) as
      MessageRow | undefined;
    const startedAt = row?.started_at ?? event.sourceTime ?? event.eventTime;
    if (!fresh) {
      const state = row?.state ?? 'in_flight';
      return { duplicate: true, previousState: state, state, startedAt };
    }

    const previous: MessageProgress | undefined = row && {
      state: row.state,
      lastEventAt: row.last_event_at,
    };
    const state = nextState(previous, event.stage, event.eventTime);
    this.upsertMessage.run(messageParams(event, state, startedAt));
    this.recordKeys(event);
    this.followTransition(event, row?.state ?? null, state);
    return { duplicate: false, previousState: row?.state ?? null, state, startedAt };
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
    if (after === 'delivered' && before !== 'delivered') {
      const { labels } = event;
      this.upsertFlow.run(labels.interface, labels.plant, labels.process, event.eventTime);
      this.resolveException.run(event.receivedAt, event.interfaceId, event.messageId);
    }
    if (event.stage === 'failed' && after === 'failed' && event.classification) {
      this.upsertException.run(exceptionParams(event));
    }
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
    first_seen_at, last_seen_at, version)
  VALUES (@id, @interfaceId, @messageId, @plantId, @labelInterface, @labelPlant,
    @labelProcess, @keyType, @keyValue, @class, @severity, @owner, 'open', @fingerprint,
    @recommendedAction, @errorCode, @errorMessage, 1, @eventTime, @eventTime, 1)
  ON CONFLICT (interface_id, message_id) DO UPDATE SET
    class = excluded.class,
    severity = excluded.severity,
    owner = excluded.owner,
    fingerprint = excluded.fingerprint,
    recommended_action = excluded.recommended_action,
    error_code = excluded.error_code,
    error_message = excluded.error_message,
    occurrences = occurrences + 1,
    last_seen_at = max(last_seen_at, excluded.last_seen_at),
    state = CASE WHEN state = 'resolved' THEN 'open' ELSE state END,
    resolved_at = NULL,
    resolution = NULL,
    version = version + 1`;

function eventParams(event: EventRecord): Record<string, unknown> {
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

function messageParams(
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

function exceptionParams(event: EventRecord): Record<string, unknown> {
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
