import type { Catalog } from '../catalog/catalog.js';
import type { InterfaceSpec } from '../catalog/schema.js';
import type { SimulatorConfig } from '../config/schema.js';
import type { ExceptionClass } from '../exceptions/taxonomy.js';
import type { LifecycleEvent, Stage } from '../ingest/event-schema.js';
import { injectedError } from './failures.js';
import { modelFor, type MessageDraft, type PlantBook } from './flow-models.js';
import { Random } from './random.js';
import { ScenarioClock } from './scenario.js';

type Injectable = Exclude<ExceptionClass, 'unknown'>;

/** One message the simulator is moving through its stages. */
interface SimMessage {
  itf: InterfaceSpec;
  plant: string;
  id: string;
  traceId: string;
  sourceTime: number;
  latencyMs: number;
  failure: Injectable | null;
  draft: MessageDraft;
}

interface Pending {
  at: number;
  stage: Stage;
  message: SimMessage;
}

const STAGES_BY_PATTERN: Record<InterfaceSpec['pattern'], Stage[]> = {
  'sync-api': ['received', 'sent'],
  'async-event': ['received', 'transformed', 'sent'],
  batch: ['received', 'transformed', 'sent'],
};

/**
 * Plays manufacturing traffic over the catalog's flows. Time is passed in, so
 * the same seed and clock give the same events: the engine is a pure model,
 * and `simulator.ts` drives it with the wall clock.
 */
export class SimulationEngine {
  private readonly rng: Random;
  readonly scenario: ScenarioClock;
  private readonly books = new Map<string, PlantBook>();
  private readonly flows: { itf: InterfaceSpec; plant: string; weight: number }[];
  private readonly totalWeight: number;
  private pending: Pending[] = [];
  private lastStep: number;

  constructor(
    private readonly catalog: Catalog,
    private readonly config: SimulatorConfig,
    origin: number,
  ) {
    this.rng = new Random(config.seed);
    this.scenario = new ScenarioClock(config.scenario, config.speed, origin);
    this.flows = catalog.flows().map(({ interface: itf, plant }) => ({
      itf, plant: plant.id, weight: modelFor(itf).weight,
    }));
    this.totalWeight = this.flows.reduce((sum, f) => sum + f.weight, 0);
    this.lastStep = origin;
  }

  /** Messages waiting for their next stage. */
  get inFlight(): number {
    return new Set(this.pending.map((p) => p.message.id)).size;
  }

  /** Starts new messages due since the last step and returns the events now due. */
  step(now: number): LifecycleEvent[] {
    const elapsedMinutes = Math.max(0, now - this.lastStep) / 60_000;
    this.lastStep = now;
    const arrivals = this.rng.poisson(this.config.messagesPerMinute * elapsedMinutes);
    for (let i = 0; i < arrivals; i += 1) this.start(now);

    const due: Pending[] = [];
    while (this.pending.length > 0 && (this.pending[0] as Pending).at <= now) {
      due.push(this.pending.shift() as Pending);
    }
    return due.flatMap((p) => this.emit(p, now));
  }

  private start(now: number): void {
    const flow = this.pickFlow();
    const draft = modelFor(flow.itf).draft(this.book(flow.plant), this.rng);
    const message: SimMessage = {
      itf: flow.itf,
      plant: flow.plant,
      id: `msg-${this.rng.hex(20)}`,
      traceId: this.rng.hex(32),
      sourceTime: now - this.rng.integer(50, 2000),
      latencyMs: this.latency(flow.itf),
      failure: this.pickFailure(),
      draft,
    };
    this.schedule(now, 'received', message);
  }

  private emit(p: Pending, now: number): LifecycleEvent[] {
    const { message } = p;
    const held = this.heldUntil(message, p.stage, now);
    if (held !== null) {
      this.schedule(held + this.rng.integer(0, 5000), p.stage, message);
      return [];
    }
    if (this.targetDown(message, now) && (p.stage === 'delivered' || p.stage === 'failed')) {
      this.scheduleAfterOutage(message, now);
      return [this.event(message, 'failed', now, 'upstream_outage')];
    }
    const failing = p.stage === 'failed' ? message.failure : null;
    this.scheduleNext(p, now);
    return [this.event(message, p.stage, now, failing)];
  }

  private scheduleNext(p: Pending, now: number): void {
    const { message } = p;
    const stages = STAGES_BY_PATTERN[message.itf.pattern];
    const position = stages.indexOf(p.stage);
    if (position >= 0 && position < stages.length - 1) {
      const share = (position + 1) / stages.length;
      const at = message.sourceTime + message.latencyMs * share;
      this.schedule(Math.max(now, at), stages[position + 1] as Stage, message);
      return;
    }
    if (p.stage === 'sent' || p.stage === 'retried') {
      const end = Math.max(now + this.rng.integer(200, 3_000),
        message.sourceTime + message.latencyMs);
      this.schedule(end, message.failure === null ? 'delivered' : 'failed', message);
      return;
    }
    if (p.stage === 'failed' && message.failure === 'transient' && this.rng.chance(0.8)) {
      message.failure = null;
      this.schedule(now + this.rng.integer(5_000, 20_000), 'retried', message);
    }
  }

  private scheduleAfterOutage(message: SimMessage, now: number): void {
    const until = this.scenario.downUntil(message.itf.target, message.plant, now) ?? now;
    message.failure = null;
    this.schedule(until + this.rng.integer(1_000, 30_000), 'retried', message);
  }

  // The reference scenario holds the delayed flow after receipt; an outage of
  // the source system holds what it would send until it is back.
  private heldUntil(message: SimMessage, stage: Stage, now: number): number | null {
    if (stage === 'received') return null;
    const delayed = this.scenario.delayedUntil(message.itf.id, message.plant, now);
    if (delayed !== null) return delayed;
    return this.scenario.downUntil(message.itf.source, message.plant, now);
  }

  private targetDown(message: SimMessage, now: number): boolean {
    return this.scenario.downUntil(message.itf.target, message.plant, now) !== null;
  }

  private event(m: SimMessage, stage: Stage, now: number, failing: Injectable | null):
    LifecycleEvent {
    const withPayload = stage === 'received' || stage === 'failed';
    return {
      interface: m.itf.id,
      plant: m.plant,
      messageId: m.id,
      correlationId: m.traceId.slice(0, 16),
      stage,
      eventTime: new Date(now).toISOString(),
      sourceTime: new Date(m.sourceTime).toISOString(),
      businessKeys: m.draft.businessKeys,
      relatedKeys: m.draft.relatedKeys,
      ...(m.draft.quantity === undefined ? {} : { quantity: m.draft.quantity, unit: m.draft.unit }),
      ...(m.draft.value === undefined ? {} : { value: m.draft.value,
        currency: this.catalog.spec.currency }),
      ...(withPayload ? { payload: m.draft.payload } : {}),
      ...(failing === null ? {} : { error: injectedError(failing, m.itf.target,
        m.draft.businessKeys[0]?.value ?? m.id) }),
      traceId: m.traceId,
    };
  }

  private schedule(at: number, stage: Stage, message: SimMessage): void {
    let lo = 0;
    let hi = this.pending.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.pending[mid] as Pending).at <= at) lo = mid + 1;
      else hi = mid;
    }
    this.pending.splice(lo, 0, { at, stage, message });
  }

  private latency(itf: InterfaceSpec): number {
    const objectiveMs = itf.latencyObjectiveSeconds * 1000;
    const share = this.rng.chance(0.02) ? this.rng.between(0.8, 1.5) : this.rng.between(0.05, 0.5);
    return Math.round(objectiveMs * share);
  }

  private pickFlow() {
    let target = this.rng.next() * this.totalWeight;
    for (const flow of this.flows) {
      target -= flow.weight;
      if (target < 0) return flow;
    }
    return this.flows[this.flows.length - 1] as (typeof this.flows)[number];
  }

  private pickFailure(): Injectable | null {
    let roll = this.rng.next();
    for (const [cls, rate] of Object.entries(this.config.failureRates)) {
      roll -= rate ?? 0;
      if (roll < 0) return cls as Injectable;
    }
    return null;
  }

  private book(plant: string): PlantBook {
    let book = this.books.get(plant);
    if (!book) {
      book = { plant, orders: [], nextOrder: 1, nextDocument: 1 };
      this.books.set(plant, book);
    }
    return book;
  }
}
