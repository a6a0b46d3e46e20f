import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LifecycleEvent } from '../../src/ingest/event-schema.js';
import { startCollector, type TestCollector } from '../support/collector-harness.js';
import { FAILURES, MINUTE_MS, ago, exceptionOf, failed, ingest } from './api-fixtures.js';

interface Cell {
  plant: string; region: string; process: string; severity: string; openExceptions: number;
  bySeverity: Record<string, number>; slaBreaches: number; oldestAgeSeconds: number | null;
  businessKeysAffected: number; inFlight: number; oldestInFlightAgeSeconds: number | null;
  exposure: { quantity: number; value: number };
}
interface Impact { generatedAt: string; currency: string; cells: Cell[] }

const HOUR_MS = 60 * MINUTE_MS;
const EMPTY = { severity: 'none', openExceptions: 0, bySeverity: { critical: 0, high: 0,
  medium: 0, low: 0 }, slaBreaches: 0, oldestAgeSeconds: null, businessKeysAffected: 0,
inFlight: 0, oldestInFlightAgeSeconds: null, exposure: { quantity: 0, value: 0 } };

const order = (value: string) => [{ type: 'production_order', value }];

/** What the cells of cz-pls production confirmation and de-stu consumption are made of. */
const EVENTS: LifecycleEvent[] = [
  // cz-pls / production-confirmation: three open exceptions over two orders, one past its
  // 4 h resolution objective; two messages in flight.
  { ...FAILURES.completionCz, eventTime: ago(5 * HOUR_MS) },
  failed({ interface: 'mes-erp-completion', plant: 'cz-pls', messageId: 'cz-completion-2',
    businessKeys: order('PO-CZ-PLS-000002'), error: { code: 'ETIMEDOUT' },
    quantity: 30, value: 1260 }),
  failed({ interface: 'mes-erp-completion', plant: 'cz-pls', messageId: 'cz-completion-3',
    businessKeys: order('PO-CZ-PLS-000002'), error: { code: 'ETIMEDOUT' } }),
  { interface: 'mes-erp-completion', plant: 'cz-pls', messageId: 'cz-flight-1',
    stage: 'received', eventTime: ago(20 * MINUTE_MS), businessKeys: order('PO-CZ-PLS-000003'),
    quantity: 10, value: 420 },
  { interface: 'mes-erp-completion', plant: 'cz-pls', messageId: 'cz-flight-2',
    stage: 'received', eventTime: ago(3 * MINUTE_MS), businessKeys: order('PO-CZ-PLS-000004') },
  // de-stu / material-consumption (high): a mapping error, and a transient one that
  // escalates to critical once its automatic retries are spent.
  FAILURES.consumptionDe,
  failed({ interface: 'mes-erp-consumption', plant: 'de-stu', messageId: 'de-consumption-2',
    businessKeys: order('PO-DE-STU-000003'), error: { code: 'ETIMEDOUT' } }),
  // us-clt / shipment-confirmation: resolved below, so it counts nowhere.
  FAILURES.shipmentUs,
];

describe('GET /v1/impact', () => {
  let collector: TestCollector;
  let impact: Impact;

  beforeAll(async () => {
    collector = await startCollector({
      configure: (config) => {
        config.replay.transientMaxAttempts = 0;
      },
    });
    await ingest(collector, EVENTS);
    await collector.automation.sweep();
    const shipment = await exceptionOf(collector, FAILURES.shipmentUs);
    const resolved = await collector.call(`/v1/exceptions/${shipment}/actions/resolve`,
      { role: 'operator', method: 'POST', body: JSON.stringify({ reason: 'WMS has it' }) });
    expect(resolved.status).toBe(200);
    impact = await get('/v1/impact');
  });

  afterAll(async () => {
    await collector.close();
  });

  async function get(path: string): Promise<Impact> {
    const response = await collector.call(path, { role: 'viewer' });
    expect(response.status).toBe(200);
    return await response.json() as Impact;
  }

  const cell = (plant: string, process: string) =>
    impact.cells.find((c) => c.plant === plant && c.process === process);
  const pairs = (cells: Cell[]) => cells.map((c) => `${c.plant}/${c.process}`).sort();

  it('has one cell for each plant and process the catalog serves', async () => {
    const catalog = await (await collector.call('/v1/catalog')).json() as {
      interfaces: { plants: string[]; process: string }[];
    };
    const served = new Set(catalog.interfaces.flatMap((i) =>
      i.plants.map((p) => `${p}/${i.process}`)));

    expect(impact.cells).toHaveLength(31);
    expect(pairs(impact.cells)).toEqual([...served].sort());
    expect(impact.currency).toBe('EUR');
    expect(Math.abs(Date.parse(impact.generatedAt) - Date.now())).toBeLessThan(60_000);
  });

  it('counts open exceptions, SLA breaches, oldest age, business keys, backlog, exposure', () => {
    const c = cell('cz-pls', 'production-confirmation') as Cell;

    expect(c).toMatchObject({ region: 'emea', severity: 'critical', openExceptions: 3,
      bySeverity: { critical: 3, high: 0, medium: 0, low: 0 }, slaBreaches: 1,
      businessKeysAffected: 2, inFlight: 2,
      exposure: { quantity: 120 + 30 + 10, value: 5040 + 1260 + 420 } });
    expect(c.oldestAgeSeconds).toBeGreaterThanOrEqual(5 * 3600);
    expect(c.oldestAgeSeconds).toBeLessThan(5 * 3600 + 60);
    expect(c.oldestInFlightAgeSeconds).toBeGreaterThanOrEqual(20 * 60);
    expect(c.oldestInFlightAgeSeconds).toBeLessThan(20 * 60 + 60);
  });

  it('takes the worst severity of a cell and counts each, worst first', () => {
    const c = cell('de-stu', 'material-consumption') as Cell;

    expect(c).toMatchObject({ severity: 'critical', openExceptions: 2,
      bySeverity: { critical: 1, high: 1, medium: 0, low: 0 }, slaBreaches: 0,
      businessKeysAffected: 2, inFlight: 0 });
    expect(Object.keys(c.bySeverity)).toEqual(['critical', 'high', 'medium', 'low']);
  });

  it('leaves out resolved exceptions and shows an untouched cell as empty', () => {
    expect(cell('us-clt', 'shipment-confirmation')).toEqual({ plant: 'us-clt', region: 'amer',
      process: 'shipment-confirmation', ...EMPTY });
    expect(cell('mx-qro', 'replenishment')).toEqual({ plant: 'mx-qro', region: 'amer',
      process: 'replenishment', ...EMPTY });
    expect(impact.cells.reduce((n, c) => n + c.openExceptions, 0)).toBe(5);
  });

  it.each([
    ['region=amer', 15, (c: Cell) => c.region === 'amer'],
    ['plant=de-stu', 8, (c: Cell) => c.plant === 'de-stu'],
    ['process=quality-result', 3, (c: Cell) => c.process === 'quality-result'],
    ['region=emea&process=quality-result', 2,
      (c: Cell) => c.region === 'emea' && c.process === 'quality-result'],
    ['region=amer&plant=de-stu', 0, () => false],
  ])('narrows to %s', async (query, count, keep) => {
    const narrowed = await get(`/v1/impact?${query}`);

    expect(narrowed.cells).toHaveLength(count);
    expect(pairs(narrowed.cells)).toEqual(pairs(impact.cells.filter(keep)));
  });
});
