import type { EventOutcome, EventRecord } from '../store.js';

interface Waiting {
  events: readonly EventRecord[];
  resolve(outcomes: EventOutcome[]): void;
  reject(err: unknown): void;
}

type RecordMany = (batches: readonly (readonly EventRecord[])[]) => EventOutcome[][];
type RecordOne = (events: readonly EventRecord[]) => EventOutcome[];

/**
 * Group commit: batches that arrive in the same turn of the event loop share
 * one transaction and so one fsync. Durability is the same (each caller
 * resolves only after the commit), but under concurrent load the disk's
 * sync latency is paid once per group rather than once per request.
 */
export class GroupCommit {
  private waiting: Waiting[] = [];

  constructor(private readonly many: RecordMany, private readonly one: RecordOne) {}

  record(events: readonly EventRecord[]): Promise<EventOutcome[]> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ events, resolve, reject });
      if (this.waiting.length === 1) setImmediate(() => this.commit());
    });
  }

  private commit(): void {
    const group = this.waiting;
    this.waiting = [];
    try {
      const outcomes = this.many(group.map((w) => w.events));
      group.forEach((w, i) => w.resolve(outcomes[i] as EventOutcome[]));
    } catch {
      // One batch broke the shared transaction, which rolled back whole:
      // commit each on its own so the others are not refused for it.
      for (const w of group) this.commitAlone(w);
    }
  }

  private commitAlone(w: Waiting): void {
    try {
      w.resolve(this.one(w.events));
    } catch (err) {
      w.reject(err);
    }
  }
}
