import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import type {
  EventOutcome,
  EventRecord,
  ExposureRow,
  FlowGaugeRow,
  LastSuccessRow,
  OpenExceptionRow,
  Store,
  StoredEvent,
  StoredMessage,
} from '../store.js';
import { MIGRATIONS } from './migrations.js';
import { GroupCommit } from './group-commit.js';
import { EventRecorder } from './record-events.js';
import { SqliteExceptions } from './sqlite-exceptions.js';
import { toStoredEvent, toStoredMessage, type EventRow, type MessageRow } from './rows.js';

/**
 * The embedded store: one SQLite file in WAL mode. `synchronous = FULL` makes
 * every committed batch survive a power cut, which the ingest contract
 * (202 only once stored) relies on.
 */
export class SqliteStore extends SqliteExceptions implements Store {
  private commits: GroupCommit | undefined;

  constructor(readonly path: string) {
    super(openDatabase(path));
  }

  async migrate(): Promise<void> {
    const current = this.db.pragma('user_version', { simple: true }) as number;
    MIGRATIONS.slice(current).forEach((sql, i) => {
      this.db.transaction(() => {
        this.db.exec(sql);
        this.db.pragma(`user_version = ${current + i + 1}`);
      })();
    });
    const recorder = new EventRecorder(this.db, this);
    this.commits = new GroupCommit(recorder.recordBatches, recorder.recordBatch);
  }

  async recordEvents(events: readonly EventRecord[]): Promise<EventOutcome[]> {
    if (!this.commits) throw new Error('store used before migrate()');
    return this.commits.record(events);
  }

  async getMessage(interfaceId: string, messageId: string): Promise<StoredMessage | undefined> {
    const row = this.db
      .prepare('SELECT * FROM messages WHERE interface_id = ? AND message_id = ?')
      .get(interfaceId, messageId) as MessageRow | undefined;
    return row && toStoredMessage(row);
  }

  async messageHistory(interfaceId: string, messageId: string): Promise<StoredEvent[]> {
    const rows = this.db
      .prepare(`SELECT * FROM lifecycle_events WHERE interface_id = ? AND message_id = ?
        ORDER BY event_time, id`)
      .all(interfaceId, messageId) as EventRow[];
    return rows.map(toStoredEvent);
  }

  async flowGauges(): Promise<FlowGaugeRow[]> {
    return this.db.prepare(`
      SELECT label_interface AS interface, label_plant AS plant, label_process AS process,
        count(*) AS inFlight, min(started_at) AS oldestStartedAt
      FROM messages WHERE state = 'in_flight'
      GROUP BY label_interface, label_plant, label_process`).all() as FlowGaugeRow[];
  }

  async lastSuccesses(): Promise<LastSuccessRow[]> {
    return this.db.prepare(`
      SELECT label_interface AS interface, label_plant AS plant, label_process AS process,
        last_success_at AS lastSuccessAt FROM flow_status`).all() as LastSuccessRow[];
  }

  async exposure(): Promise<ExposureRow[]> {
    return this.db.prepare(`
      SELECT label_plant AS plant, label_process AS process, state,
        coalesce(sum(quantity), 0) AS quantity, coalesce(sum(value), 0) AS value
      FROM messages m WHERE state = 'in_flight' OR (state = 'failed' AND EXISTS (
        SELECT 1 FROM exceptions e WHERE e.interface_id = m.interface_id
          AND e.message_id = m.message_id AND e.state <> 'resolved'))
      GROUP BY label_plant, label_process, state`).all() as ExposureRow[];
  }

  async openExceptions(): Promise<OpenExceptionRow[]> {
    return this.db.prepare(`
      SELECT label_plant AS plant, label_process AS process, class, severity, owner, state,
        count(*) AS count, min(first_seen_at) AS oldestSeenAt
      FROM exceptions WHERE state <> 'resolved'
      GROUP BY label_plant, label_process, class, severity, owner, state`)
      .all() as OpenExceptionRow[];
  }

  async pruneFinished(before: number): Promise<number> {
    return this.db.transaction(() => {
      const doomed = `SELECT interface_id, message_id FROM messages
        WHERE state = 'delivered' AND finished_at < ?
          AND NOT EXISTS (SELECT 1 FROM exceptions e WHERE e.interface_id = messages.interface_id
            AND e.message_id = messages.message_id)`;
      for (const table of ['lifecycle_events', 'business_keys']) {
        this.db.prepare(`DELETE FROM ${table} WHERE (interface_id, message_id) IN (${doomed})`)
          .run(before);
      }
      return this.db.prepare(`DELETE FROM messages WHERE (interface_id, message_id)
        IN (${doomed})`).run(before).changes;
    })();
  }

  /** Always held: one process owns the file, so no other replica exports. */
  async holdsExporterLease(): Promise<boolean> {
    return true;
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

function openDatabase(path: string): Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}
