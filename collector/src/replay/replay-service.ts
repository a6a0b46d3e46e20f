import type { Logger } from 'pino';
import type { CatalogSource } from '../catalog/catalog-source.js';
import type { ReplayConfig } from '../config/schema.js';
import { SyncgovError } from '../errors/catalogue.js';
import { replayPolicy, type ReplayPolicy } from '../exceptions/policy.js';
import type { CollectorMetrics } from '../metrics/collector-metrics.js';
import {
  ChangeConflictError,
  type ExceptionRecord, type ExceptionState, type ReplayRecord,
} from '../store/exception-store.js';
import type { Store } from '../store/store.js';
import { replaySpan } from '../tracing/replay-spans.js';
import { traceOf } from '../tracing/trace-ids.js';
import type { Tracing } from '../tracing/tracing.js';
import type { Actor } from './actor.js';
import type { DeliveryOutcome, DeliveryTarget } from './delivery.js';
import type { TargetRegistry } from './target-registry.js';

/** States from which a replay may start. */
export const REPLAYABLE: readonly ExceptionState[] = ['open', 'acknowledged', 'approved'];

export interface ReplayOptions {
  reason: string | null;
  requestId: string | null;
  jobId: string | null;
}

/** What a replay request came to. */
export interface ReplayResult {
  status: 'sent' | 'unknown' | 'failed' | 'awaiting_approval' | 'held' | 'deferred'
    | 'already_requested';
  exception: ExceptionRecord;
  replay: ReplayRecord | null;
  policy: ReplayPolicy;
}

export interface ReplayDeps {
  store: Store;
  catalog: CatalogSource;
  targets: TargetRegistry;
  config: ReplayConfig;
  metrics: CollectorMetrics;
  tracing: Tracing;
  log: Logger;
}

/**
 * Replays failed messages safely. Every replay is a guarded change of the
 * exception to `replaying` with a ledger row, committed before anything is
 * sent: two clicks, two tabs, a single and a bulk replay, or two replicas
 * cannot all win that change, so the target sees one delivery per decision.
 */
export class ReplayService {
  constructor(private readonly deps: ReplayDeps) {}

  /** What policy says of replaying this exception now. */
  async policyFor(e: ExceptionRecord): Promise<ReplayPolicy> {
    const { store, catalog } = this.deps;
    const itf = catalog.current.interfaces.get(e.interfaceId);
    const systems = await store.systemStatus();
    const targetDown = systems.some((s) =>
      s.system === e.targetSystem && s.plant === e.plantId && s.downSince !== null);
    const prerequisiteDone = e.class !== 'sequence_dependency'
      || await store.prerequisiteDelivered(itf?.prerequisites ?? [], e.businessKey);
    return replayPolicy(e, { targetDown, prerequisiteDone });
  }

  /** Someone, or policy, asks for a replay of one exception. */
  async request(id: string, who: Actor, opts: ReplayOptions): Promise<ReplayResult> {
    const earlier = opts.requestId === null ? undefined
      : await this.deps.store.replayByRequest(opts.requestId);
    const e = await this.load(id);
    if (earlier) return this.alreadyRequested(e, earlier);
    if (e.state === 'replaying') throw inProgress(e);
    if (e.state === 'resolved' || e.state === 'awaiting_approval') throw invalid(e, 'replay');

    const policy = await this.policyFor(e);
    switch (policy.decision) {
      case 'never':
        throw new SyncgovError('POLICY_NEVER_REPLAY', policy.reason,
          { field: 'class', value: e.class });
      case 'blocked':
        throw new SyncgovError('POLICY_BLOCKED', policy.reason, { field: 'class', value: e.class });
      case 'needs_approval':
        return this.askApproval(e, who, opts, policy);
      case 'held':
        return this.hold(e, who, opts, policy, 'prerequisite');
      case 'target_down':
        return this.hold(e, who, opts, policy, 'outage');
      case 'allowed':
        return this.send(e, who, opts, policy);
    }
  }

  /** A second person approves a posting-rule replay; it is sent at once. */
  async approve(id: string, who: Actor, reason: string): Promise<ReplayResult> {
    const e = await this.load(id);
    if (e.state !== 'awaiting_approval') throw invalid(e, 'approve');
    if (reason.trim() === '') {
      throw new SyncgovError('REASON_REQUIRED', 'an approval needs a reason',
        { field: 'reason', value: reason });
    }
    if (e.replayRequestedBy === who.actor) {
      throw new SyncgovError('POLICY_FOUR_EYES',
        `${who.actor} asked for this replay and cannot approve it too`,
        { field: 'actor', value: who.actor });
    }
    const approved = await this.change(e, {
      from: ['awaiting_approval'], to: 'approved', set: { approvedBy: who.actor },
      audit: this.audit(who, 'approve', reason),
    });
    return this.request(id, who, {
      reason: approved.replayReason ?? reason, requestId: null, jobId: null,
    });
  }

  /** Sends a replay that policy allows. Public for the automation that releases held ones. */
  async send(e: ExceptionRecord, who: Actor, opts: ReplayOptions, policy: ReplayPolicy):
    Promise<ReplayResult> {
    const { target, payload, traceId } = await this.deliverable(e);
    const started = await this.startReplay(e, who, opts, target);
    const replay = started.replay as ReplayRecord;
    const span = replaySpan(this.deps.tracing, e, replay, traceId);
    const outcome = await this.handOver(target, {
      payload, idempotencyKey: replay.idempotencyKey, exceptionId: e.id,
      businessKey: `${e.businessKey.type}:${e.businessKey.value}`,
      interfaceId: e.interfaceId, messageId: e.messageId, plant: e.plantId,
      traceparent: span.traceparent,
    });
    const status = await this.settle(started.exception, replay, outcome, who);
    span.end(status, outcome);
    this.deps.metrics.replays.inc({ ...e.labels, result: status });
    this.deps.log.info({ exception: e.id, replay: replay.id, status, target: target.description },
      'replay settled');
    const settled = (await this.deps.store.getReplay(replay.id)) ?? replay;
    return { status, exception: await this.load(e.id), replay: settled, policy };
  }

  // A target that throws has not told us what happened: treat it as unknown,
  // so the ledger row is settled by the next delivery or its absence.
  private async handOver(target: DeliveryTarget, message: Parameters<DeliveryTarget['deliver']>[0])
    : Promise<DeliveryOutcome> {
    try {
      return await target.deliver(message);
    } catch (err) {
      this.deps.log.error({ err, exception: message.exceptionId }, 'replay target failed');
      return { kind: 'unknown', error: (err as Error).message };
    }
  }

  private async startReplay(e: ExceptionRecord, who: Actor, opts: ReplayOptions,
    target: DeliveryTarget) {
    try {
      return await this.deps.store.applyChange({
        exceptionId: e.id, from: REPLAYABLE, to: 'replaying', set: { hold: null },
        audit: this.audit(who, 'replay', opts.reason, { target: target.description,
          jobId: opts.jobId }),
        replay: { requestId: opts.requestId, jobId: opts.jobId, requestedBy: requesterOf(e, who),
          approvedBy: e.approvedBy, reason: opts.reason, targetKind: target.kind,
          target: target.description },
      });
    } catch (err) {
      if (!(err instanceof ChangeConflictError) || !err.current) throw err;
      if (err.current.state === 'replaying') throw inProgress(err.current);
      throw invalid(err.current, 'replay');
    }
  }

  private async settle(e: ExceptionRecord, replay: ReplayRecord, outcome: DeliveryOutcome,
    who: Actor): Promise<'sent' | 'unknown' | 'failed'> {
    const now = Date.now();
    const objective = this.deps.catalog.current.interfaces.get(e.interfaceId)
      ?.latencyObjectiveSeconds ?? 300;
    if (outcome.kind === 'accepted' || outcome.kind === 'unknown') {
      const state = outcome.kind === 'accepted' ? 'sent' : 'unknown';
      await this.deps.store.settleReplay(replay.id, ['sending'], {
        state, at: now, verifyDeadline: now + objective * 1000,
        responseStatus: outcome.kind === 'accepted' ? outcome.status : null,
        error: outcome.kind === 'unknown' ? outcome.error : null,
      });
      return state;
    }
    await this.deps.store.settleReplay(replay.id, ['sending'], {
      state: 'failed', at: now, error: outcome.error,
      responseStatus: outcome.kind === 'refused' ? outcome.status : null,
    }, {
      exceptionId: e.id, from: ['replaying'], to: 'open',
      audit: this.audit(who, 'replay_failed', outcome.error, { outcome: outcome.kind }),
    });
    return 'failed';
  }

  private async deliverable(e: ExceptionRecord):
    Promise<{ target: DeliveryTarget; payload: string; traceId: string }> {
    const itf = this.deps.catalog.current.interfaces.get(e.interfaceId);
    const target = this.deps.targets.forInterface(itf);
    if (!target) {
      throw new SyncgovError('REPLAY_NO_TARGET',
        `interface ${e.interfaceId} declares no replay target`,
        { field: 'interface', value: e.interfaceId });
    }
    const message = await this.deps.store.getMessage(e.interfaceId, e.messageId);
    if (message === undefined || message.payload === null) {
      throw new SyncgovError('REPLAY_NO_PAYLOAD',
        `message ${e.messageId} was reported without a payload`,
        { field: 'messageId', value: e.messageId });
    }
    return { target, payload: message.payload, traceId: traceOf(message) };
  }

  private async load(exceptionId: string): Promise<ExceptionRecord> {
    const e = await this.deps.store.getException(exceptionId);
    if (!e) {
      throw new SyncgovError('EXCEPTION_NOT_FOUND', `no exception ${exceptionId}`,
        { field: 'id', value: exceptionId });
    }
    return e;
  }

  private async askApproval(e: ExceptionRecord, who: Actor, opts: ReplayOptions,
    policy: ReplayPolicy): Promise<ReplayResult> {
    const exception = await this.change(e, {
      from: ['open', 'acknowledged'], to: 'awaiting_approval',
      set: { replayRequestedBy: who.actor, replayReason: opts.reason, approvedBy: null },
      audit: this.audit(who, 'request_approval', opts.reason),
    });
    return { status: 'awaiting_approval', exception, replay: null, policy };
  }

  private async hold(e: ExceptionRecord, who: Actor, opts: ReplayOptions, policy: ReplayPolicy,
    hold: 'prerequisite' | 'outage'): Promise<ReplayResult> {
    const exception = await this.change(e, {
      from: [e.state], to: e.state,
      set: { hold, replayRequestedBy: requesterOf(e, who), replayReason: opts.reason },
      audit: this.audit(who, hold === 'outage' ? 'defer' : 'hold', policy.reason),
    });
    return { status: hold === 'outage' ? 'deferred' : 'held', exception, replay: null, policy };
  }

  private async alreadyRequested(e: ExceptionRecord, replay: ReplayRecord): Promise<ReplayResult> {
    return { status: 'already_requested', exception: e, replay,
      policy: await this.policyFor(e) };
  }

  private async change(e: ExceptionRecord, change: Omit<Parameters<Store['applyChange']>[0],
    'exceptionId'>): Promise<ExceptionRecord> {
    try {
      return (await this.deps.store.applyChange({ exceptionId: e.id, ...change })).exception;
    } catch (err) {
      if (err instanceof ChangeConflictError && err.current) {
        throw conflict(err.current, change.from, change.audit.action);
      }
      throw err;
    }
  }

  private audit(who: Actor, action: string, reason: string | null,
    detail: Record<string, unknown> | null = null) {
    return { at: Date.now(), actor: who.actor, tokenName: who.tokenName, action, reason, detail };
  }
}

// An approved replay is the decision of whoever asked for it; the approver
// only sets it off, and the ledger must show both people.
function requesterOf(e: ExceptionRecord, who: Actor): string {
  return e.state === 'approved' && e.replayRequestedBy !== null ? e.replayRequestedBy : who.actor;
}

function inProgress(e: ExceptionRecord): SyncgovError {
  return new SyncgovError('REPLAY_IN_PROGRESS', `exception ${e.id} is being replayed`,
    { field: 'state', value: e.state });
}

/** The error for an action the exception's state does not allow. */
export function invalid(e: ExceptionRecord, action: string): SyncgovError {
  return new SyncgovError('TRANSITION_INVALID', `cannot ${action} exception ${e.id}: it is ${e.state}`,
    { field: 'state', value: e.state });
}

/**
 * The error for a guarded change that lost: the exception moved on to another
 * state, or stayed in an allowed one but changed under the caller.
 */
export function conflict(e: ExceptionRecord, from: readonly ExceptionState[], action: string)
  : SyncgovError {
  if (!from.includes(e.state)) return invalid(e, action);
  return new SyncgovError('VERSION_CONFLICT', `exception ${e.id} changed while ${action} was decided`,
    { field: 'version', value: e.version });
}
