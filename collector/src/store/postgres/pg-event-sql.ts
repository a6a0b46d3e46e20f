/**
 * The statements recording one lifecycle event runs in PostgreSQL. They do
 * what the SQLite recorder's statements do; `@name` parameters are bound by
 * `named()` from the same parameter objects.
 */

export const INSERT_EVENT = `
  INSERT INTO lifecycle_events (interface_id, message_id, stage, event_time, received_at,
    error_code, error_message, error_category, http_status, attributes)
  VALUES (@interfaceId, @messageId, @stage, @eventTime, @receivedAt, @errorCode,
    @errorMessage, @errorCategory, @httpStatus, @attributes)
  ON CONFLICT (interface_id, message_id, stage, event_time) DO NOTHING`;

export const SELECT_MESSAGE = `
  SELECT state, last_event_at, started_at, related_keys, trace_id FROM messages
  WHERE interface_id = $1 AND message_id = $2`;

// Serialises the batches that touch one message, across replicas: the state
// machine reads a message and then writes it. Keys are locked in one order
// so that two batches never wait on each other.
export const LOCK_MESSAGES = `
  SELECT pg_advisory_xact_lock($1, keys.h) FROM (
    SELECT DISTINCT hashtext(k) AS h FROM unnest($2::text[]) AS k ORDER BY h
  ) AS keys`;

export const UPSERT_MESSAGE = `
  INSERT INTO messages AS m (interface_id, message_id, plant_id, label_interface,
    label_plant, label_process, business_key_type, business_key, related_keys,
    correlation_id, state, last_stage, started_at, last_event_at, finished_at, quantity,
    value, unit, currency, payload, payload_ref, trace_id)
  VALUES (@interfaceId, @messageId, @plantId, @labelInterface, @labelPlant, @labelProcess,
    @keyType, @keyValue, @relatedKeys, @correlationId, @state, @stage, @startedAt,
    @eventTime, @finishedAt, @quantity, @value, @unit, @currency, @payload, @payloadRef,
    @traceId)
  ON CONFLICT (interface_id, message_id) DO UPDATE SET
    state = EXCLUDED.state,
    last_stage = CASE WHEN EXCLUDED.last_event_at >= m.last_event_at
      THEN EXCLUDED.last_stage ELSE m.last_stage END,
    last_event_at = GREATEST(m.last_event_at, EXCLUDED.last_event_at),
    finished_at = CASE WHEN EXCLUDED.state = 'delivered'
      THEN coalesce(m.finished_at, EXCLUDED.finished_at) END,
    correlation_id = coalesce(EXCLUDED.correlation_id, m.correlation_id),
    related_keys = CASE WHEN EXCLUDED.related_keys = '[]'
      THEN m.related_keys ELSE EXCLUDED.related_keys END,
    quantity = coalesce(EXCLUDED.quantity, m.quantity),
    value = coalesce(EXCLUDED.value, m.value),
    unit = coalesce(EXCLUDED.unit, m.unit),
    currency = coalesce(EXCLUDED.currency, m.currency),
    payload = coalesce(EXCLUDED.payload, m.payload),
    payload_ref = coalesce(EXCLUDED.payload_ref, m.payload_ref),
    trace_id = coalesce(EXCLUDED.trace_id, m.trace_id)`;

export const INSERT_KEY = `
  INSERT INTO business_keys (key_value, key_type, interface_id, message_id, related)
  VALUES ($1, $2, $3, $4, $5)
  ON CONFLICT DO NOTHING`;

export const UPSERT_FLOW = `
  INSERT INTO flow_status AS f (label_interface, label_plant, label_process, last_success_at)
  VALUES ($1, $2, $3, $4)
  ON CONFLICT (label_interface, label_plant) DO UPDATE SET
    last_success_at = GREATEST(f.last_success_at, EXCLUDED.last_success_at),
    label_process = EXCLUDED.label_process`;

// The message's own exception, and a replay of the same business key that
// this delivery verifies. Locked so that a replica applying a change to one
// of them waits for this delivery, and then finds the exception resolved.
export const SETTLED_BY = `
  SELECT id, state FROM exceptions
  WHERE interface_id = $1 AND state <> 'resolved'
    AND (message_id = $2 OR (state = 'replaying' AND business_key = $3))
  ORDER BY id
  FOR UPDATE`;

export const LOCK_EXCEPTION_STATE = 'SELECT state FROM exceptions WHERE id = $1 FOR UPDATE';

export const SETTLE_ACTIVE_REPLAY = `
  UPDATE replays SET state = $1, settled_at = $2
  WHERE exception_id = $3 AND state IN ('sending', 'sent', 'unknown')`;

export const MARK_DOWN = `
  INSERT INTO system_status AS s (system, plant, down_since, updated_at) VALUES ($1, $2, $3, $4)
  ON CONFLICT (system, plant) DO UPDATE SET
    down_since = coalesce(s.down_since, EXCLUDED.down_since), updated_at = EXCLUDED.updated_at`;

export const MARK_UP = `
  INSERT INTO system_status (system, plant, down_since, updated_at) VALUES ($1, $2, NULL, $3)
  ON CONFLICT (system, plant) DO UPDATE SET down_since = NULL, updated_at = EXCLUDED.updated_at`;

export const UPSERT_EXCEPTION = `
  INSERT INTO exceptions AS x (id, interface_id, message_id, plant_id, label_interface,
    label_plant, label_process, business_key_type, business_key, class, severity, owner,
    state, fingerprint, recommended_action, error_code, error_message, occurrences,
    first_seen_at, last_seen_at, version, sla_deadline, target_system, hold)
  VALUES (@id, @interfaceId, @messageId, @plantId, @labelInterface, @labelPlant,
    @labelProcess, @keyType, @keyValue, @class, @severity, @owner, 'open', @fingerprint,
    @recommendedAction, @errorCode, @errorMessage, 1, @eventTime, @eventTime, 1,
    @slaDeadline, @targetSystem, @hold)
  ON CONFLICT (interface_id, message_id) DO UPDATE SET
    class = EXCLUDED.class,
    severity = CASE WHEN x.escalated THEN x.severity ELSE EXCLUDED.severity END,
    owner = EXCLUDED.owner,
    fingerprint = EXCLUDED.fingerprint,
    recommended_action = EXCLUDED.recommended_action,
    error_code = EXCLUDED.error_code,
    error_message = EXCLUDED.error_message,
    occurrences = x.occurrences + 1,
    last_seen_at = GREATEST(x.last_seen_at, EXCLUDED.last_seen_at),
    reopen_count = x.reopen_count
      + CASE WHEN x.state IN ('resolved', 'replaying') THEN 1 ELSE 0 END,
    state = CASE WHEN x.state IN ('resolved', 'replaying') THEN 'open' ELSE x.state END,
    hold = CASE WHEN x.state IN ('resolved', 'replaying') THEN EXCLUDED.hold ELSE x.hold END,
    corrected_at = CASE WHEN x.state IN ('resolved', 'replaying') THEN NULL
      ELSE x.corrected_at END,
    corrected_by = CASE WHEN x.state IN ('resolved', 'replaying') THEN NULL
      ELSE x.corrected_by END,
    resolved_at = NULL,
    resolution = NULL,
    version = x.version + 1`;
