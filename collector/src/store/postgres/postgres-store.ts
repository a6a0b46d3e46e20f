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
import { toStoredEvent, toStoredMessage, type EventRow, type MessageRow } from '../sqlite/rows.js';
import { ExporterLease } from './exporter-lease.js';
import { migrate } from './migrate.js';
import { PgExceptions } from './pg-exceptions.js';
import { recordBatch } from './pg-record-events.js';
import { createPool, inTransaction } from './pool.js';

/** Delivered messages without an exception, finished before `$1`. */
const DOOMED = `SELECT interface_id, message_id FROM messages
  WHERE state = 'delivered' AND finished_at < $1
    AND NOT EXISTS (SELECT 1 FROM exceptions e WHERE e.interface_id = messages.interface_id
      AND e.message_id = messages.message_id)`;

/**
 * The shared store: several collector replicas use one PostgreSQL database.
 * Everything that must happen once (a replay decision, a state change) is
 * decided by row locks and conditional updates in the database, never by
 * state held in one process. Commits use the server's synchronous_commit,
 * which by default waits for the WAL flush: a batch is durable once stored.
 */
export class PostgresStore extends PgExceptions implements Store {
  private migrated = false;
  private closed = false;
  private readonly lease: ExporterLease;

  constructor(readonly url: string) {
    super(createPool(url));
    this.lease = new ExporterLease(url);
  }

  async migrate(): Promise<void> {
    await migrate(this.pool);
    this.migrated = true;
  }

  async recordEvents(events: readonly EventRecord[]): Promise<EventOutcome[]> {
    if (!this.migrated) throw new Error('store used before migrate()');
    return inTransaction(this.pool, (client) => recordBatch(client, events));
  }

  async getMessage(interfaceId: string, messageId: string): Promise<StoredMessage | undefined> {
    const [row] = await this.rows<MessageRow>(
      'SELECT * FROM messages WHERE interface_id = $1 AND message_id = $2',
      [interfaceId, messageId]);
    return row && toStoredMessage(row);
  }

  async messageHistory(interfaceId: string, messageId: string): Promise<StoredEvent[]> {
    const rows = await this.rows<EventRow>(`SELECT * FROM lifecycle_events
      WHERE interface_id = $1 AND message_id = $2 ORDER BY event_time, id`,
    [interfaceId, messageId]);
    return rows.map(toStoredEvent);
  }

  async flowGauges(): Promise<FlowGaugeRow[]> {
    return this.rows<FlowGaugeRow>(`
      SELECT label_interface AS interface, label_plant AS plant, label_process AS process,
        count(*) AS "inFlight", min(started_at) AS "oldestStartedAt"
      FROM messages WHERE state = 'in_flight'
      GROUP BY label_interface, label_plant, label_process`, []);
  }

  async lastSuccesses(): Promise<LastSuccessRow[]> {
    return this.rows<LastSuccessRow>(`
      SELECT label_interface AS interface, label_plant AS plant, label_process AS process,
        last_success_at AS "lastSuccessAt" FROM flow_status`, []);
  }

  async exposure(): Promise<ExposureRow[]> {
    return this.rows<ExposureRow>(`
      SELECT label_plant AS plant, label_process AS process, state,
        coalesce(sum(quantity), 0) AS quantity, coalesce(sum(value), 0) AS value
      FROM messages m WHERE state = 'in_flight' OR (state = 'failed' AND EXISTS (
        SELECT 1 FROM exceptions e WHERE e.interface_id = m.interface_id
          AND e.message_id = m.message_id AND e.state <> 'resolved'))
      GROUP BY label_plant, label_process, state`, []);
  }

  async openExceptions(): Promise<OpenExceptionRow[]> {
    return this.rows<OpenExceptionRow>(`
      SELECT label_plant AS plant, label_process AS process, class, severity, owner, state,
        count(*) AS count, min(first_seen_at) AS "oldestSeenAt"
      FROM exceptions WHERE state <> 'resolved'
      GROUP BY label_plant, label_process, class, severity, owner, state`, []);
  }

  async pruneFinished(before: number): Promise<number> {
    return inTransaction(this.pool, async (client) => {
      for (const table of ['lifecycle_events', 'business_keys']) {
        await client.query(`DELETE FROM ${table}
          WHERE (interface_id, message_id) IN (${DOOMED})`, [before]);
      }
      const pruned = await client.query(`DELETE FROM messages
        WHERE (interface_id, message_id) IN (${DOOMED})`, [before]);
      return pruned.rowCount ?? 0;
    });
  }

  /**
   * Held by one replica at a time through a session advisory lock, taken at
   * the first call and kept until close; see ExporterLease.
   */
  holdsExporterLease(): Promise<boolean> {
    return this.lease.holds();
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.lease.release();
    await this.pool.end();
  }
}
