import type { Logger } from 'pino';
import type { CatalogSource } from '../catalog/catalog-source.js';
import type { ReplayConfig } from '../config/schema.js';
import { SyncgovError } from '../errors/catalogue.js';
import { severityOf } from '../exceptions/severity.js';
import { SEVERITIES, type Severity } from '../exceptions/taxonomy.js';
import type { CollectorMetrics } from '../metrics/collector-metrics.js';
import { ChangeConflictError, type ExceptionRecord } from '../store/exception-store.js';
import type { Store } from '../store/store.js';
import { POLICY_ACTOR } from './actor.js';
import type { ReplayService } from './replay-service.js';

export interface AutomationDeps {
  store: Store;
  catalog: CatalogSource;
  replay: ReplayService;
  config: ReplayConfig;
  metrics: CollectorMetrics;
  log: Logger;
}

/**
 * What policy does without anyone clicking, one sweep at a time: settle
 * replays nobody confirmed, retry transient failures with backoff and then
 * escalate, release held sequence dependencies in order, and drain replays
 * deferred by an outage at a safe rate. Every step goes through guarded
 * changes, so replicas sweeping at once cannot double any of it.
 */
export class PolicyAutomation {
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;
  private stopping = false;

  constructor(private readonly deps: AutomationDeps) {}

  start(): void {
    this.timer = setInterval(() => {
      this.sweeping ??= this.sweep()
        .catch((err: unknown) => this.deps.log.error({ err }, 'policy sweep failed'))
        .finally(() => {
          this.sweeping = undefined;
        });
    }, this.deps.config.sweepIntervalMs);
    this.timer.unref();
  }

  /** Ends the sweeps; one under way stops after the exception in hand. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    await this.sweeping;
  }

  /** One pass of every policy step. */
  async sweep(now = Date.now()): Promise<void> {
    await this.settleUnverified(now);
    await this.releaseHeld();
    await this.drainDeferred();
    await this.retryTransient(now);
    await this.reassessSeverity(now);
  }

  // Severity follows business impact as it develops: age against the SLA,
  // how many business keys one problem holds, and whether the same key is
  // stuck upstream too.
  private async reassessSeverity(now: number): Promise<void> {
    const open = await this.candidates({}, 2000);
    const byFingerprint = countBy(open, (e) => e.fingerprint);
    const stuckKeys = new Set(open.map((e) => `${e.interfaceId}|${keyOf(e)}`));
    const catalog = this.deps.catalog.current;
    for (const e of this.untilStopped(open)) {
      const itf = catalog.interfaces.get(e.interfaceId);
      const criticality = itf ? catalog.processes.get(itf.process)?.criticality : undefined;
      let severity = severityOf({
        criticality: criticality ?? 'medium',
        ageSeconds: (now - e.firstSeenAt) / 1000,
        objectiveSeconds: (e.slaDeadline - e.firstSeenAt) / 1000,
        keysAffected: byFingerprint.get(e.fingerprint) ?? 1,
        upstreamStuck: (itf?.prerequisites ?? []).some((p) => stuckKeys.has(`${p}|${keyOf(e)}`)),
      });
      if (e.escalated) severity = raise(severity);
      if (severity === e.severity || e.state === 'replaying') continue;
      await this.deps.store.applyChange({
        exceptionId: e.id, from: [e.state], to: e.state, set: { severity },
        audit: { at: now, ...POLICY_ACTOR, action: 'reassess', reason: `severity ${severity}`,
          detail: { from: e.severity, to: severity } },
      }).catch(ignoreConflict);
    }
  }

  private async settleUnverified(now: number): Promise<void> {
    for (const replay of this.untilStopped(await this.deps.store.overdueReplays(now))) {
      const e = await this.deps.store.getException(replay.exceptionId);
      const settled = await this.deps.store.settleReplay(replay.id, ['sent', 'unknown'],
        { state: 'unverified', at: now }, e?.state === 'replaying' ? {
          exceptionId: e.id, from: ['replaying'], to: 'open',
          audit: { at: now, ...POLICY_ACTOR, action: 'unverified', detail: null,
            reason: 'no delivery reported within the latency objective after the replay' },
        } : undefined).catch(ignoreConflict);
      if (settled && e) this.deps.metrics.replays.inc({ ...e.labels, result: 'unverified' });
    }
  }

  private async releaseHeld(): Promise<void> {
    const held = await this.candidates({ holds: ['prerequisite'] });
    for (const e of this.untilStopped(held.sort((a, b) => a.firstSeenAt - b.firstSeenAt))) {
      const policy = await this.deps.replay.policyFor(e);
      if (policy.decision !== 'allowed') continue;
      await this.attempt(e, 'released in order after the prerequisite delivered');
    }
  }

  private async drainDeferred(): Promise<void> {
    const deferred = await this.candidates({ holds: ['outage'] });
    let budget = Math.max(1, Math.floor(this.deps.config.drainPerSecond
      * this.deps.config.sweepIntervalMs / 1000));
    for (const e of this.untilStopped(deferred.sort((a, b) => a.firstSeenAt - b.firstSeenAt))) {
      if (budget <= 0) return;
      const policy = await this.deps.replay.policyFor(e);
      if (policy.decision !== 'allowed' && policy.decision !== 'needs_approval') continue;
      budget -= 1;
      await this.attempt(e, 'drained after the target recovered');
    }
  }

  private async retryTransient(now: number): Promise<void> {
    const { transientMaxAttempts: max, transientBaseDelaySeconds: base } = this.deps.config;
    const due = await this.candidates({ classes: ['transient'], states: ['open'], retryDueBy: now });
    for (const e of this.untilStopped(due)) {
      if (e.hold !== null) continue;
      if (e.attempts >= max) {
        await this.escalate(e, now);
        continue;
      }
      const next = now + base * 1000 * 2 ** e.attempts;
      const counted = await this.deps.store.applyChange({
        exceptionId: e.id, from: ['open'], to: 'open',
        set: { attempts: e.attempts + 1, nextRetryAt: next },
        audit: { at: now, ...POLICY_ACTOR, action: 'auto_retry', detail: { attempt: e.attempts + 1 },
          reason: `automatic retry ${e.attempts + 1} of ${max}` },
      }).catch(ignoreConflict);
      if (counted) await this.attempt(counted.exception, `automatic retry ${e.attempts + 1}`);
    }
  }

  private async escalate(e: ExceptionRecord, now: number): Promise<void> {
    if (e.escalated) return;
    const severity = raise(e.severity);
    const changed = await this.deps.store.applyChange({
      exceptionId: e.id, from: ['open'], to: 'open', set: { escalated: true, severity },
      audit: { at: now, ...POLICY_ACTOR, action: 'escalate', detail: { severity },
        reason: `automatic retries exhausted after ${e.attempts} attempts` },
    }).catch(ignoreConflict);
    if (changed) this.deps.metrics.escalations.inc({ ...e.labels, class: e.class });
  }

  private async attempt(e: ExceptionRecord, reason: string): Promise<void> {
    try {
      await this.deps.replay.request(e.id, POLICY_ACTOR, { reason, requestId: null, jobId: null });
    } catch (err) {
      if (err instanceof SyncgovError) {
        this.deps.log.debug({ exception: e.id, code: err.code }, 'policy replay not possible');
        return;
      }
      throw err;
    }
  }

  // A sweep can hold thousands of exceptions; shutdown must not wait for all.
  private *untilStopped<T>(items: Iterable<T>): Generator<T> {
    for (const item of items) {
      if (this.stopping) return;
      yield item;
    }
  }

  private async candidates(filter: Parameters<Store['listExceptions']>[0], limit = 200) {
    return (await this.deps.store.listExceptions({ ...filter, unresolved: true }, limit, null))
      .items;
  }
}

function keyOf(e: ExceptionRecord): string {
  return `${e.businessKey.type}:${e.businessKey.value}`;
}

function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

function raise(severity: Severity): Severity {
  const index = SEVERITIES.indexOf(severity);
  return SEVERITIES[Math.max(0, index - 1)] as Severity;
}

function ignoreConflict(err: unknown): undefined {
  if (err instanceof ChangeConflictError) return undefined;
  throw err;
}
