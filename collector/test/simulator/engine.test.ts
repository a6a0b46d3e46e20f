import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/catalog.js';
import { loadCatalogFile } from '../../src/catalog/load.js';
import { EXAMPLE_CATALOG } from '../../src/config/defaults.js';
import type { ScenarioConfig, SimulatorConfig } from '../../src/config/schema.js';
import { classify } from '../../src/exceptions/classify.js';
import { EXCEPTION_CLASSES } from '../../src/exceptions/taxonomy.js';
import { LifecycleEvent } from '../../src/ingest/event-schema.js';
import { SimulationEngine } from '../../src/simulator/engine.js';
import { SchemaValidator } from '../../src/validation/validator.js';

const ORIGIN = Date.parse('2026-03-02T06:00:00.000Z');
const STEP_MS = 100;

// With speed 10 these put the disturbance at [60 s, 180 s) after the origin.
const WINDOW_START = ORIGIN + 60_000;
const WINDOW_END = ORIGIN + 180_000;
const SCENARIO_TIMING = { startAfterSeconds: 600, durationSeconds: 1200, repeat: false };
const SPEED = 10;

const INJECTABLE = EXCEPTION_CLASSES.filter((c) => c !== 'unknown');

let catalog: Catalog;

beforeAll(async () => {
  catalog = await loadCatalogFile(EXAMPLE_CATALOG);
});

function config(overrides: Partial<SimulatorConfig> = {},
  scenario: Partial<ScenarioConfig> = {}): SimulatorConfig {
  return {
    enabled: true,
    messagesPerMinute: 6000,
    speed: SPEED,
    failureRates: {},
    seed: 7,
    targets: { enabled: false, host: '127.0.0.1', port: 0 },
    ...overrides,
    scenario: {
      kind: 'steady', plant: 'cz-pls', interface: 'mes-erp-completion', system: 'erp',
      ...SCENARIO_TIMING, ...scenario,
    },
  };
}

/** Steps a fresh engine from the origin to `untilMs` after it. */
function play(settings: SimulatorConfig, untilMs: number): LifecycleEvent[] {
  const engine = new SimulationEngine(catalog, settings, ORIGIN);
  const events: LifecycleEvent[] = [];
  for (let now = ORIGIN; now <= ORIGIN + untilMs; now += STEP_MS) {
    events.push(...engine.step(now));
  }
  return events;
}

const at = (e: LifecycleEvent) => Date.parse(e.eventTime);
const inWindow = (e: LifecycleEvent) => at(e) >= WINDOW_START && at(e) < WINDOW_END;
const flowOf = (e: LifecycleEvent) => `${e.interface}@${e.plant}`;

function byMessage(events: LifecycleEvent[]): Map<string, LifecycleEvent[]> {
  const messages = new Map<string, LifecycleEvent[]>();
  for (const e of events) {
    const list = messages.get(e.messageId) ?? [];
    list.push(e);
    messages.set(e.messageId, list);
  }
  return messages;
}

function classOf(e: LifecycleEvent) {
  return classify(catalog, {
    interfaceId: e.interface,
    categoryHint: e.error?.category ?? null,
    code: e.error?.code ?? null,
    message: e.error?.message ?? null,
    httpStatus: e.error?.httpStatus ?? null,
  }).class;
}

describe('SimulationEngine, steady traffic', () => {
  it('moves every message through the stages of its pattern, in order', () => {
    const events = play(config({ messagesPerMinute: 600 }), 600_000);
    const sequences = new Set<string>();
    for (const list of byMessage(events).values()) {
      const pattern = catalog.interfaces.get(list[0]?.interface ?? '')?.pattern;
      sequences.add(`${pattern}: ${list.map((e) => e.stage).join(' ')}`);
    }

    expect([...sequences].sort()).toEqual([
      'async-event: received',
      'async-event: received transformed',
      'async-event: received transformed sent',
      'async-event: received transformed sent delivered',
      'batch: received',
      'batch: received transformed',
      'batch: received transformed sent',
      'batch: received transformed sent delivered',
      'sync-api: received',
      'sync-api: received sent',
      'sync-api: received sent delivered',
    ]);
  });

  it('covers every flow of the catalog', () => {
    const events = play(config(), 120_000);
    const flows = catalog.flows().map((f) => `${f.interface.id}@${f.plant.id}`);

    expect(new Set(events.map(flowOf))).toEqual(new Set(flows));
  });

  it('starts the configured number of messages, also past a thousand per step', () => {
    const engine = new SimulationEngine(catalog, config({ messagesPerMinute: 600_000 }), ORIGIN);
    const received = engine.step(ORIGIN + 1_000).filter((e) => e.stage === 'received');

    // Poisson with mean 10 000: five standard deviations either side.
    expect(received.length).toBeGreaterThan(9_500);
    expect(received.length).toBeLessThan(10_500);
  });

  it('gives the same event stream for the same seed and another for another seed', () => {
    const settings = config({ failureRates: { transient: 0.1, mapping: 0.05 } },
      { kind: 'reference' });
    const first = play(settings, 240_000);

    expect(play(settings, 240_000)).toEqual(first);
    expect(play({ ...settings, seed: 8 }, 240_000)).not.toEqual(first);
  });

  it('emits only events the collector accepts', () => {
    const rates = Object.fromEntries(INJECTABLE.map((c) => [c, 0.02]));
    const validator = new SchemaValidator<LifecycleEvent>(LifecycleEvent);
    const events = [
      ...play(config({ failureRates: rates }, { kind: 'reference' }), 300_000),
      ...play(config({ failureRates: rates }, { kind: 'outage' }), 300_000),
    ];
    const problems = events.flatMap((e) => validator.problems(e));

    expect(events.length).toBeGreaterThan(50_000);
    expect(problems).toEqual([]);
  });
});

describe('SimulationEngine, failure injection', () => {
  it.each(INJECTABLE)('fails %s messages with an error classified as that class', (cls) => {
    const events = play(config({ messagesPerMinute: 600, failureRates: { [cls]: 1 } }), 300_000);
    const failed = events.filter((e) => e.stage === 'failed');

    expect(failed.length).toBeGreaterThan(100);
    expect(new Set(failed.map(classOf))).toEqual(new Set([cls]));
    expect(events.some((e) => e.stage === 'failed' && e.payload === undefined)).toBe(false);
  });

  it('retries transient failures and delivers the retried messages', () => {
    const events = play(config({ messagesPerMinute: 600, failureRates: { transient: 1 } }),
      600_000);
    const retried = [...byMessage(events).values()]
      .filter((list) => list.some((e) => e.stage === 'retried'));

    expect(retried.length).toBeGreaterThan(100);
    for (const list of retried) {
      const stages = list.map((e) => e.stage);
      expect(stages.indexOf('failed')).toBeLessThan(stages.indexOf('retried'));
      if (stages.includes('delivered')) {
        expect(stages.slice(stages.indexOf('retried'))).toEqual(['retried', 'delivered']);
      }
    }
    expect(retried.filter((l) => l.some((e) => e.stage === 'delivered')).length)
      .toBeGreaterThan(100);
  });
});

describe('SimulationEngine, reference scenario', () => {
  const DELAYED = 'mes-erp-completion@cz-pls';
  let events: LifecycleEvent[];

  beforeAll(() => {
    events = play(config({}, { kind: 'reference' }), 300_000);
  });

  it('emits nothing but receipts of the delayed flow inside the window', () => {
    const inside = events.filter((e) => flowOf(e) === DELAYED && inWindow(e));

    expect(inside.length).toBeGreaterThan(300);
    expect(new Set(inside.map((e) => e.stage))).toEqual(new Set(['received']));
  });

  it('delivers the held messages right after the window, late by at least the hold', () => {
    const received = events.filter((e) => flowOf(e) === DELAYED && e.stage === 'received'
      && inWindow(e));
    const delivered = new Map(events.filter((e) => e.stage === 'delivered')
      .map((e) => [e.messageId, e]));

    for (const start of received) {
      const end = delivered.get(start.messageId);
      expect(end, start.messageId).toBeDefined();
      const done = at(end as LifecycleEvent);
      expect(done).toBeGreaterThanOrEqual(WINDOW_END);
      expect(done - Date.parse(start.sourceTime as string))
        .toBeGreaterThanOrEqual(WINDOW_END - at(start));
      // Received early enough for its next stage to fall inside the window:
      // released within 5 s, then sent and delivered within 3.3 s more.
      if (at(start) < WINDOW_START + 30_000) expect(done).toBeLessThanOrEqual(WINDOW_END + 8_300);
    }
  });

  it('keeps other plants and other flows of the plant delivering inside the window', () => {
    const delivering = new Set(events
      .filter((e) => e.stage === 'delivered' && inWindow(e)).map(flowOf));

    expect(delivering).toContain('mes-erp-completion@de-stu');
    expect(delivering).toContain('mes-erp-completion@us-clt');
    expect(delivering).toContain('mes-erp-completion@mx-qro');
    expect(delivering).toContain('mes-erp-consumption@cz-pls');
    expect(delivering).toContain('erp-mes-production-order@cz-pls');
    expect(delivering).toContain('erp-wms-shipment@cz-pls');
    expect(delivering).not.toContain(DELAYED);
  });

  it('delivers the delayed flow normally before the window', () => {
    const before = events.filter((e) => flowOf(e) === DELAYED && e.stage === 'delivered'
      && at(e) < WINDOW_START);

    expect(before.length).toBeGreaterThan(50);
  });
});

describe('SimulationEngine, outage scenario', () => {
  let events: LifecycleEvent[];
  let messages: Map<string, LifecycleEvent[]>;

  const intoErp = (e: LifecycleEvent) =>
    e.plant === 'cz-pls' && catalog.interfaces.get(e.interface)?.target === 'erp';
  const fromErp = (e: LifecycleEvent) =>
    e.plant === 'cz-pls' && catalog.interfaces.get(e.interface)?.source === 'erp';

  beforeAll(() => {
    events = play(config({}, { kind: 'outage', system: 'erp', plant: 'cz-pls' }), 300_000);
    messages = byMessage(events);
  });

  it('fails deliveries into the system as an upstream outage', () => {
    const inside = events.filter((e) => intoErp(e) && inWindow(e));
    const failed = inside.filter((e) => e.stage === 'failed');

    expect(failed.length).toBeGreaterThan(100);
    expect(inside.filter((e) => e.stage === 'delivered')).toEqual([]);
    expect(new Set(failed.map(classOf))).toEqual(new Set(['upstream_outage']));
    expect(new Set(failed.map((e) => e.error?.code))).toEqual(new Set(['SYSTEM_DOWN']));
  });

  it('retries the failed messages after recovery and delivers them', () => {
    const failed = events.filter((e) => intoErp(e) && inWindow(e) && e.stage === 'failed');

    for (const failure of failed) {
      const after = (messages.get(failure.messageId) ?? [])
        .filter((e) => at(e) > at(failure)).map((e) => e.stage);
      expect(after, failure.messageId).toEqual(['retried', 'delivered']);
      const retry = messages.get(failure.messageId)?.find((e) => e.stage === 'retried');
      expect(at(retry as LifecycleEvent)).toBeGreaterThanOrEqual(WINDOW_END + 1_000);
      expect(at(retry as LifecycleEvent)).toBeLessThanOrEqual(WINDOW_END + 30_000 + STEP_MS);
    }
  });

  it('holds what the system would send until it is back', () => {
    const inside = events.filter((e) => fromErp(e) && inWindow(e));
    const heldIds = new Set(inside.map((e) => e.messageId));
    const afterwards = events.filter((e) => heldIds.has(e.messageId) && e.stage === 'delivered');

    expect(inside.length).toBeGreaterThan(300);
    expect(new Set(inside.map((e) => e.stage))).toEqual(new Set(['received']));
    expect(afterwards.length).toBeGreaterThan(300);
    expect(Math.min(...afterwards.map(at))).toBeGreaterThanOrEqual(WINDOW_END);
  });

  it('leaves the system at other plants alone', () => {
    const elsewhere = events.filter((e) => e.plant === 'de-stu' && inWindow(e)
      && catalog.interfaces.get(e.interface)?.target === 'erp');

    expect(elsewhere.filter((e) => e.stage === 'failed')).toEqual([]);
    expect(elsewhere.filter((e) => e.stage === 'delivered').length).toBeGreaterThan(50);
  });
});
