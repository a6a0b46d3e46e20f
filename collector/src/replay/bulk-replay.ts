import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { SyncgovError } from '../errors/catalogue.js';
import type {
  ExceptionFilter, ExceptionRecord, JobItemState, ReplayJob,
} from '../store/exception-store.js';
import type { Store } from '../store/store.js';
import type { Actor } from './actor.js';
import type { ReplayResult, ReplayService } from './replay-service.js';

/** At most this many exceptions go into one bulk replay. */
export const BULK_LIMIT = 10_000;

/** What a bulk replay would do, shown before anyone confirms it. */
export interface BulkPlan {
  count: number;
  replayable: number;
  plants: string[];
  processes: string[];
  interfaces: string[];
  businessKeys: string[];
  businessKeyCount: number;
  oldestAgeSeconds: number | null;
  duplicateRisk: { level: 'none' | 'low' | 'high'; count: number; reasons: string[] };
  heldBack: { decision: string; reason: string; count: number }[];
}

const STATUS_ITEM: Record<ReplayResult['status'], JobItemState> = {
  sent: 'sent', unknown: 'unknown', failed: 'failed', awaiting_approval: 'held', held: 'held',
  deferred: 'held', already_requested: 'skipped',
};

/**
 * Bulk replay: a plan first, then a job that replays one exception at a time
 * at a set pace through the same guarded path as a single replay, so an
 * overlap with clicks or another job cannot deliver anything twice.
 */
export class BulkReplay {
  private readonly running = new Map<string, Promise<void>>();
  private stopped = false;

  constructor(private readonly store: Store, private readonly replay: ReplayService,
    private readonly log: Logger) {}

  async plan(filter: ExceptionFilter, now = Date.now()): Promise<BulkPlan> {
    const items = await this.select(filter);
    const policies = await Promise.all(items.map((e) => this.replay.policyFor(e)));
    const held = new Map<string, { decision: string; reason: string; count: number }>();
    policies.forEach((p) => {
      if (p.decision === 'allowed') return;
      const entry = held.get(p.decision) ?? { decision: p.decision, reason: p.reason, count: 0 };
      entry.count += 1;
      held.set(p.decision, entry);
    });
    const keys = [...new Set(items.map((e) => `${e.businessKey.type}:${e.businessKey.value}`))];
    const oldest = items.reduce((m, e) => Math.min(m, e.firstSeenAt), Infinity);
    return {
      count: items.length,
      // One already replaying is allowed by policy but will be skipped, not sent.
      replayable: policies.filter((p, i) => p.decision === 'allowed'
        && items[i]?.state !== 'replaying').length,
      plants: distinct(items.map((e) => e.plantId)),
      processes: distinct(items.map((e) => e.labels.process)),
      interfaces: distinct(items.map((e) => e.interfaceId)),
      businessKeys: keys.slice(0, 100),
      businessKeyCount: keys.length,
      oldestAgeSeconds: items.length === 0 ? null : Math.round((now - oldest) / 1000),
      duplicateRisk: duplicateRisk(items),
      heldBack: [...held.values()],
    };
  }

  async start(filter: ExceptionFilter, who: Actor, ratePerSecond: number): Promise<ReplayJob> {
    const items = await this.select(filter);
    const ordered = [...items].sort((a, b) => a.firstSeenAt - b.firstSeenAt);
    const job = await this.store.createJob({
      id: randomUUID(), filter, ratePerSecond, createdBy: who.actor, tokenName: who.tokenName,
      createdAt: Date.now(), exceptionIds: ordered.map((e) => e.id),
    });
    this.run(job.id, who);
    return job;
  }

  async cancel(id: string): Promise<ReplayJob> {
    await this.mustExist(id);
    await this.store.setJobState(id, ['running'], 'cancelled', Date.now());
    await this.running.get(id);
    return (await this.store.getJob(id)) as ReplayJob;
  }

  async resume(id: string, who: Actor): Promise<ReplayJob> {
    const job = await this.mustExist(id);
    if (this.running.has(id)) return job;
    const resumed = (await this.store.resumeJob(id, Date.now())) as ReplayJob;
    this.run(id, who);
    return resumed;
  }

  /** Takes over jobs a stopped collector left running. */
  async adoptRunning(): Promise<void> {
    for (const job of await this.store.runningJobs()) {
      this.run(job.id, { actor: job.createdBy, tokenName: job.tokenName });
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.running.values());
  }

  private run(id: string, who: Actor): void {
    if (this.running.has(id)) return;
    const work = this.loop(id, who)
      .catch((err: unknown) => this.log.error({ err, job: id }, 'bulk replay stopped on an error'))
      .finally(() => this.running.delete(id));
    this.running.set(id, work);
  }

  private async loop(id: string, who: Actor): Promise<void> {
    for (;;) {
      const job = await this.store.getJob(id);
      if (!job || job.state !== 'running' || this.stopped) return;
      const [item] = await this.store.pendingItems(id, 1);
      if (!item) {
        await this.store.setJobState(id, ['running'], 'done', Date.now());
        this.log.info({ job: id, counts: job.counts }, 'bulk replay done');
        return;
      }
      const started = Date.now();
      await this.replayItem(job, item.exceptionId, who);
      await sleep(Math.max(0, 1000 / job.ratePerSecond - (Date.now() - started)));
    }
  }

  private async replayItem(job: ReplayJob, exceptionId: string, who: Actor): Promise<void> {
    try {
      const result = await this.replay.request(exceptionId, who, {
        reason: `bulk replay ${job.id}`, jobId: job.id,
        requestId: `${job.id}:${job.round}:${exceptionId}`,
      });
      await this.store.settleJobItem(job.id, exceptionId, STATUS_ITEM[result.status],
        result.replay?.state ?? result.status, result.replay?.id ?? null);
    } catch (err) {
      const outcome = err instanceof SyncgovError ? err.code : (err as Error).message;
      await this.store.settleJobItem(job.id, exceptionId, 'skipped', outcome, null);
    }
  }

  private async select(filter: ExceptionFilter): Promise<ExceptionRecord[]> {
    const page = await this.store.listExceptions({ ...filter, unresolved: true }, BULK_LIMIT, null);
    return page.items;
  }

  private async mustExist(id: string): Promise<ReplayJob> {
    const job = await this.store.getJob(id);
    if (!job) throw new SyncgovError('JOB_NOT_FOUND', `no bulk replay ${id}`, { field: 'id', value: id });
    return job;
  }
}

// A replay is risky where the message may already be at the target: one in
// flight, a duplicate, or an earlier replay whose outcome is unknown.
function duplicateRisk(items: ExceptionRecord[]): BulkPlan['duplicateRisk'] {
  const replaying = items.filter((e) => e.state === 'replaying').length;
  const duplicates = items.filter((e) => e.class === 'duplicate').length;
  const repeated = items.filter((e) => e.replayCount > 0 && e.state !== 'replaying').length;
  const reasons = [
    ...(replaying ? [`${replaying} already replaying: skipped, never sent twice`] : []),
    ...(duplicates ? [`${duplicates} duplicates: never replayed`] : []),
    ...(repeated ? [`${repeated} replayed before: the target gets a new idempotency key`] : []),
  ];
  const count = replaying + duplicates + repeated;
  const level = repeated > 0 ? 'high' : count > 0 ? 'low' : 'none';
  return { level, count, reasons };
}

function distinct(values: string[]): string[] {
  return [...new Set(values)].sort();
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
