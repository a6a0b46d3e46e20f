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
];
