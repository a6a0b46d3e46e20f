/**
 * Versioned schema of the SQLite store. Each entry runs once, in order, in
 * its own transaction; `PRAGMA user_version` records how far a file has come.
 * Times are epoch milliseconds.
 */
export const MIGRATIONS: readonly string[] = [
  `
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
    started_at INTEGER NOT NULL,
    last_event_at INTEGER NOT NULL,
    finished_at INTEGER,
    quantity REAL,
    value REAL,
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
    related INTEGER NOT NULL,
    PRIMARY KEY (key_value, key_type, interface_id, message_id)
  );

  CREATE TABLE lifecycle_events (
    id INTEGER PRIMARY KEY,
    interface_id TEXT NOT NULL,
    message_id TEXT NOT NULL,
    stage TEXT NOT NULL,
    event_time INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    error_code TEXT,
    error_message TEXT,
    error_category TEXT,
    http_status INTEGER,
    attributes TEXT,
    UNIQUE (interface_id, message_id, stage, event_time)
  );

  CREATE TABLE flow_status (
    label_interface TEXT NOT NULL,
    label_plant TEXT NOT NULL,
    label_process TEXT NOT NULL,
    last_success_at INTEGER NOT NULL,
    PRIMARY KEY (label_interface, label_plant)
  );

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
    first_seen_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    resolved_at INTEGER,
    resolution TEXT,
    version INTEGER NOT NULL,
    UNIQUE (interface_id, message_id)
  );
  CREATE INDEX exceptions_unresolved ON exceptions (state) WHERE state <> 'resolved';
  CREATE INDEX exceptions_fingerprint ON exceptions (fingerprint);
  `,
  `
  ALTER TABLE exceptions ADD COLUMN sla_deadline INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE exceptions ADD COLUMN target_system TEXT;
  ALTER TABLE exceptions ADD COLUMN assignee TEXT;
  ALTER TABLE exceptions ADD COLUMN acknowledged_by TEXT;
  ALTER TABLE exceptions ADD COLUMN replay_requested_by TEXT;
  ALTER TABLE exceptions ADD COLUMN replay_reason TEXT;
  ALTER TABLE exceptions ADD COLUMN approved_by TEXT;
  ALTER TABLE exceptions ADD COLUMN hold TEXT;
  ALTER TABLE exceptions ADD COLUMN corrected_by TEXT;
  ALTER TABLE exceptions ADD COLUMN corrected_at INTEGER;
  ALTER TABLE exceptions ADD COLUMN replay_count INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE exceptions ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE exceptions ADD COLUMN next_retry_at INTEGER;
  ALTER TABLE exceptions ADD COLUMN escalated INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE exceptions ADD COLUMN reopen_count INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX exceptions_recent ON exceptions (last_seen_at DESC, id);
  CREATE INDEX exceptions_business_key ON exceptions (business_key);

  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    exception_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    token_name TEXT,
    action TEXT NOT NULL,
    from_state TEXT,
    to_state TEXT,
    reason TEXT,
    detail TEXT
  );
  CREATE INDEX audit_by_exception ON audit_log (exception_id, id);
  CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

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
    created_at INTEGER NOT NULL,
    sent_at INTEGER,
    settled_at INTEGER,
    verify_deadline INTEGER,
    response_status INTEGER,
    error TEXT
  );
  CREATE INDEX replays_by_exception ON replays (exception_id, attempt);
  CREATE INDEX replays_awaiting ON replays (verify_deadline) WHERE state IN ('sent', 'unknown');

  CREATE TABLE system_status (
    system TEXT NOT NULL,
    plant TEXT NOT NULL,
    down_since INTEGER,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (system, plant)
  );
  `,
  `
  CREATE TABLE replay_jobs (
    id TEXT PRIMARY KEY,
    filter TEXT NOT NULL,
    state TEXT NOT NULL,
    round INTEGER NOT NULL,
    rate_per_second REAL NOT NULL,
    created_by TEXT NOT NULL,
    token_name TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
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
  `,
];
