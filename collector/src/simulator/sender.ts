import type { Logger } from 'pino';
import type { LifecycleEvent } from '../ingest/event-schema.js';

/** How many events wait for a collector that does not answer, at most. */
const MAX_BUFFERED = 50_000;
const MAX_BATCH = 1_000;

/**
 * Posts lifecycle events to a collector in batches, as middleware would.
 * When the collector is away the events wait and go with the next batch;
 * past the buffer limit the oldest are dropped and the drop is logged.
 */
export class EventSender {
  private buffer: LifecycleEvent[] = [];
  private sending: Promise<void> = Promise.resolve();
  sent = 0;

  constructor(
    private readonly url: string,
    private readonly log: Logger,
    private readonly token?: string,
  ) {}

  enqueue(events: LifecycleEvent[]): void {
    this.buffer.push(...events);
    const excess = this.buffer.length - MAX_BUFFERED;
    if (excess > 0) {
      this.buffer.splice(0, excess);
      this.log.warn({ dropped: excess }, 'simulator buffer full, oldest events dropped');
    }
  }

  /** Sends what is buffered; calls never overlap. */
  flush(): Promise<void> {
    this.sending = this.sending.then(() => this.drain());
    return this.sending;
  }

  private async drain(): Promise<void> {
    while (this.buffer.length > 0) {
      const batch = this.buffer.slice(0, MAX_BATCH);
      if (!(await this.post(batch))) return;
      this.buffer.splice(0, batch.length);
      this.sent += batch.length;
    }
  }

  private async post(events: LifecycleEvent[]): Promise<boolean> {
    try {
      const response = await fetch(`${this.url}/v1/events`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        },
        body: JSON.stringify({ events }),
        signal: AbortSignal.timeout(10_000),
      });
      if (response.status === 202) return true;
      const body = await response.text();
      this.log.error({ status: response.status, body: body.slice(0, 500) },
        'collector refused a simulator batch');
      return response.status < 500;
    } catch (err) {
      this.log.warn({ err: (err as Error).message, url: this.url },
        'collector unreachable, simulator will retry');
      return false;
    }
  }
}
