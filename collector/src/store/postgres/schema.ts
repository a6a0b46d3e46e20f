/**
 * The PostgreSQL schema, by concern. It holds what the SQLite schema holds,
 * with PostgreSQL's types: BIGINT for epoch milliseconds, DOUBLE PRECISION
 * for quantities, JSONB for structured detail, BOOLEAN for flags.
 */

const MESSAGES = `
  CREATE TABLE messages (
    interface_id TEXT NOT NULL,
    message_id TEXT NOT NULL,
    plant_id TEXT NOT NULL,
    label_interface TEXT NOT NULL,
    label_plant TEXT NOT NULL,
    label_process TEXT NOT NULL,
    business_key_type TEXT NOT NULL,
    business_key TEXT NOT NULL,
    related_keys TEXT NOT NULL,
    correlation_id TEXT,
    state TEXT NOT NULL CHECK (state IN ('in_flight', 'delivered', 'failed')),
    last_stage TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    last_event_at BIGINT NOT NULL,
    finished_at BIGINT,
    quantity DOUBLE PRECISION,
    value DOUBLE PRECISION,
    unit TEXT,
    currency TEXT,
    payload TEXT,
    payload_ref TEXT,
    trace_id TEXT,
    PRIMARY KEY (interface_id, message_id)
  );
  CREATE INDEX messages_unfinished
    ON messages (label_interface, label_plant, started_at)
    WHERE state <> 'delivered';
  CREATE INDEX messages_finished ON messages (finished_at) WHERE state = 'delivered';

  CREATE TABLE business_keys (
    key_value TEXT NOT NULL,
    key_type TEXT NOT NULL,
    interface_id TEXT NOT NULL,
    message_id TEXT NOT NULL,
    related BOOLEAN NOT NULL,
    PRIMARY KEY (key_value, key_type, interface_id, message_id)
  );
  CREATE INDEX business_keys_by_message ON business_keys (interface_id, message_id);

  CREATE TABLE lifecycle_events (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    interface_id TEXT NOT NULL,
    message_id TEXT NOT NULL,
    stage TEXT NOT NULL,
    event_time BIGINT NOT NULL,
    received_at BIGINT NOT NULL,
    error_code TEXT,
    error_message TEXT,
    error_category TEXT,
    http_status INTEGER,
    attributes JSONB,
    UNIQUE (interface_id, message_id, stage, event_time)
  );

  CREATE TABLE flow_status (
    label_interface TEXT NOT NULL,
    label_plant TEXT NOT NULL,
    label_process TEXT NOT NULL,
    last_success_at BIGINT NOT NULL,
    PRIMARY KEY (label_interface, label_plant)
  );

  CREATE TABLE system_status (
    system TEXT NOT NULL,
    plant TEXT NOT NULL,
    down_since BIGINT,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (system, plant)
  );
`;

const EXCEPTIONS = `
  CREATE TABLE exceptions (
    id TEXT PRIMARY KEY,
    interface_id TEXT NOT NULL,
    message_id TEXT NOT NULL,
    plant_id TEXT NOT NULL,
    label_interface TEXT NOT NULL,
    label_plant TEXT NOT NULL,
    label_process TEXT NOT NULL,
    business_key_type TEXT NOT NULL,
    business_key TEXT NOT NULL,
    class TEXT NOT NULL,
    severity TEXT NOT NULL,
    owner TEXT NOT NULL,
    state TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    recommended_action TEXT NOT NULL,
    error_code TEXT,
    error_message TEXT,
    occurrences INTEGER NOT NULL,
    first_seen_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    sla_deadline BIGINT NOT NULL,
    resolved_at BIGINT,
    resolution TEXT,
    target_system TEXT,
    assignee TEXT,
    acknowledged_by TEXT,
    replay_requested_by TEXT,
    replay_reason TEXT,
    approved_by TEXT,
    hold TEXT,
    corrected_by TEXT,
    corrected_at BIGINT,
    replay_count INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_retry_at BIGINT,
    escalated BOOLEAN NOT NULL DEFAULT FALSE,
    reopen_count INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL,
    UNIQUE (interface_id, message_id)
  );
  CREATE INDEX exceptions_unresolved ON exceptions (state) WHERE state <> 'resolved';
  CREATE INDEX exceptions_fingerprint ON exceptions (fingerprint);
  CREATE INDEX exceptions_recent ON exceptions (last_seen_at DESC, id DESC);
  CREATE INDEX exceptions_business_key ON exceptions (interface_id, business_key);
`;

// The audit log refuses every change after the fact, whoever asks: the
// trigger holds even for a session that bypasses the collector.
const AUDIT = `
  CREATE TABLE audit_log (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    exception_id TEXT NOT NULL,
    at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    token_name TEXT,
    action TEXT NOT NULL,
    from_state TEXT,
    to_state TEXT,
    reason TEXT,
    detail JSONB
  );
  CREATE INDEX audit_by_exception ON audit_log (exception_id, id);

  CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'the audit log is append-only' USING ERRCODE = 'restrict_violation';
  END
  $$;
  CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
  CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
`;

const REPLAYS = `
  CREATE TABLE replays (
    id TEXT PRIMARY KEY,
    exception_id TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    attempt INTEGER NOT NULL,
    request_id TEXT UNIQUE,
    job_id TEXT,
    requested_by TEXT NOT NULL,
    approved_by TEXT,
    reason TEXT,
    target_kind TEXT NOT NULL,
    target TEXT NOT NULL,
    state TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    sent_at BIGINT,
    settled_at BIGINT,
    verify_deadline BIGINT,
    response_status INTEGER,
    error TEXT
  );
  CREATE INDEX replays_by_exception ON replays (exception_id, attempt);
  CREATE INDEX replays_awaiting ON replays (verify_deadline) WHERE state IN ('sent', 'unknown');
`;

const JOBS = `
  CREATE TABLE replay_jobs (
    id TEXT PRIMARY KEY,
    filter JSONB NOT NULL,
    state TEXT NOT NULL,
    round INTEGER NOT NULL,
    rate_per_second DOUBLE PRECISION NOT NULL,
    created_by TEXT NOT NULL,
    token_name TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
  );
  CREATE INDEX replay_jobs_running ON replay_jobs (created_at) WHERE state = 'running';

  CREATE TABLE replay_job_items (
    job_id TEXT NOT NULL,
    exception_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    state TEXT NOT NULL,
    outcome TEXT,
    replay_id TEXT,
    PRIMARY KEY (job_id, exception_id)
  );
  CREATE INDEX replay_job_items_order ON replay_job_items (job_id, state, position);
`;

/**
 * Versioned migrations. Each entry runs once, in order, in its own
 * transaction; a new version is appended, an applied one is never edited.
 */
export const PG_MIGRATIONS: readonly string[] = [
  [MESSAGES, EXCEPTIONS, AUDIT, REPLAYS, JOBS].join('\n'),
];
