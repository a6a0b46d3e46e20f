import type { Stage } from '../../ingest/event-schema.js';
import type { MessageState, StoredEvent, StoredMessage } from '../store.js';

/** A row of `messages` as SQLite returns it. */
export interface MessageRow {
  interface_id: string;
  message_id: string;
  plant_id: string;
  label_interface: string;
  label_plant: string;
  label_process: string;
  business_key_type: string;
  business_key: string;
  related_keys: string;
  correlation_id: string | null;
  state: MessageState;
  last_stage: Stage;
  started_at: number;
  last_event_at: number;
  finished_at: number | null;
  quantity: number | null;
  value: number | null;
  payload: string | null;
  payload_ref: string | null;
  trace_id: string | null;
}

/** A row of `lifecycle_events` as SQLite returns it. */
export interface EventRow {
  stage: Stage;
  event_time: number;
  received_at: number;
  error_code: string | null;
  error_message: string | null;
  error_category: string | null;
  http_status: number | null;
}

export function toStoredMessage(row: MessageRow): StoredMessage {
  return {
    interfaceId: row.interface_id,
    messageId: row.message_id,
    plantId: row.plant_id,
    labels: { interface: row.label_interface, plant: row.label_plant, process: row.label_process },
    state: row.state,
    lastStage: row.last_stage,
    startedAt: Number(row.started_at),
    lastEventAt: Number(row.last_event_at),
    finishedAt: row.finished_at === null ? null : Number(row.finished_at),
    businessKey: { type: row.business_key_type, value: row.business_key },
    relatedKeys: JSON.parse(row.related_keys) as StoredMessage['relatedKeys'],
    correlationId: row.correlation_id,
    quantity: row.quantity,
    value: row.value,
    payload: row.payload,
    payloadRef: row.payload_ref,
    traceId: row.trace_id,
  };
}

export function toStoredEvent(row: EventRow): StoredEvent {
  return {
    stage: row.stage,
    eventTime: Number(row.event_time),
    receivedAt: Number(row.received_at),
    errorCode: row.error_code,
    errorMessage: row.error_message,
    errorCategory: row.error_category,
    httpStatus: row.http_status,
  };
}
