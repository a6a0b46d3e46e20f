import pg from 'pg';

/**
 * The first key of the two-part advisory lock: an arbitrary constant that
 * keeps syncgov's lock apart from other users of the database. The second
 * key is the hash of the schema, so that deployments sharing a database in
 * separate schemas each elect their own exporter.
 */
const LOCK_SPACE = 0x5e_c0_e7;
const LOCK = `${LOCK_SPACE}, hashtext(current_schema())`;

/** Long enough for a busy server, short enough not to stall a scrape. */
const CONNECT_TIMEOUT_MS = 5000;

/**
 * The exporter lease of one replica: a session advisory lock held on a
 * connection of its own for as long as the replica lives. PostgreSQL frees
 * the lock when that session ends, so when the holder dies, or its
 * connection breaks, another replica takes the lease at its next scrape.
 */
export class ExporterLease {
  private client: pg.Client | undefined;
  private held = false;
  private pending: Promise<boolean> | undefined;
  private closed = false;

  constructor(private readonly url: string) {}

  /** Tries to take the lease if not held yet; false whenever unsure. */
  holds(): Promise<boolean> {
    // Two scrapes at once share one attempt instead of opening two sessions.
    this.pending ??= this.check().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Gives the lease back at once rather than when the server notices. */
  async release(): Promise<void> {
    this.closed = true;
    await this.pending;
    const client = this.client;
    this.forget();
    if (!client) return;
    await client.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
    await client.end().catch(() => undefined);
  }

  private async check(): Promise<boolean> {
    if (this.closed) return false;
    try {
      const client = this.client ?? await this.connect();
      if (this.held) {
        // A lock is only as alive as its session: prove the session is.
        await client.query('SELECT 1');
        return true;
      }
      const result = await client.query<{ locked: boolean }>(
        `SELECT pg_try_advisory_lock(${LOCK}) AS locked`);
      this.held = result.rows[0]?.locked === true;
      return this.held;
    } catch {
      this.drop();
      return false;
    }
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({
      connectionString: this.url,
      application_name: 'syncgov-collector-exporter-lease',
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      query_timeout: CONNECT_TIMEOUT_MS,
      keepAlive: true,
    });
    // A broken idle connection emits 'error'; unheard, it would end the process.
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    await client.connect();
    this.client = client;
    return client;
  }

  /** Discards a connection that failed: whatever it held is gone with it. */
  private drop(): void {
    const client = this.client;
    this.forget();
    client?.end().catch(() => undefined);
  }

  private lost(client: pg.Client): void {
    if (this.client === client) this.drop();
  }

  private forget(): void {
    this.client = undefined;
    this.held = false;
  }
}
