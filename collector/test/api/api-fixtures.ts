import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { EXAMPLE_CATALOG } from '../../src/config/defaults.js';
import type { LifecycleEvent } from '../../src/ingest/event-schema.js';
import type { TestCollector } from '../support/collector-harness.js';

export const MINUTE_MS = 60_000;

/** An RFC 3339 time `ms` before now. */
export function ago(ms: number): string {
  return new Date(Date.now() - ms).toISOString();
}

/** A failed lifecycle event, ten minutes old unless told otherwise. */
export function failed(event: Omit<LifecycleEvent, 'stage' | 'eventTime'> &
  Partial<Pick<LifecycleEvent, 'eventTime'>>): LifecycleEvent {
  return { stage: 'failed', eventTime: ago(10 * MINUTE_MS), ...event };
}

/**
 * One failure of each kind the API tests need, across plants and processes of
 * the example catalog. The comment names what the catalog and the shipped
 * rules make of it: class, owner, severity.
 */
export const FAILURES = {
  // posting_rule, production-controlling, critical
  completionCz: failed({
    interface: 'mes-erp-completion', plant: 'cz-pls', messageId: 'cz-completion-1',
    businessKeys: [{ type: 'production_order', value: 'PO-CZ-PLS-000001' }],
    relatedKeys: [{ type: 'delivery', value: 'DL-CZ-PLS-0004711' },
      { type: 'warehouse', value: 'WH-CZ-PLS' }],
    error: { code: 'PERIOD_CLOSED', message: 'Posting period 11/2026 is closed' },
    quantity: 120, value: 5040, payload: { productionOrder: 'PO-CZ-PLS-000001', quantity: 120 },
  }),
  // transient, integration-ops, critical
  completionDe: failed({
    interface: 'mes-erp-completion', plant: 'de-stu', messageId: 'de-completion-1',
    businessKeys: [{ type: 'production_order', value: 'PO-DE-STU-000001' }],
    error: { code: 'ETIMEDOUT', message: 'the ERP did not answer' },
    payload: { productionOrder: 'PO-DE-STU-000001' },
  }),
  // invalid_master_data, master-data-stewards, low
  supplierCz: failed({
    interface: 'procurement-erp-supplier-master', plant: 'cz-pls', messageId: 'cz-supplier-1',
    businessKeys: [{ type: 'supplier', value: 'SUP-4711' }],
    error: { code: 'UNKNOWN_SUPPLIER', message: 'supplier SUP-4711 does not exist' },
    payload: { supplier: 'SUP-4711', bankAccount: 'DE89370400440532013000' },
  }),
  // duplicate, integration-ops, critical
  shipmentUs: failed({
    interface: 'erp-wms-shipment', plant: 'us-clt', messageId: 'us-shipment-1',
    businessKeys: [{ type: 'delivery', value: 'DL-US-CLT-0000001' }],
    error: { httpStatus: 409, message: 'delivery DL-US-CLT-0000001 already exists' },
    payload: { delivery: 'DL-US-CLT-0000001' },
  }),
  // mapping, integration-team, high
  consumptionDe: failed({
    interface: 'mes-erp-consumption', plant: 'de-stu', messageId: 'de-consumption-1',
    businessKeys: [{ type: 'production_order', value: 'PO-DE-STU-000002' }],
    error: { code: 'MAPPING_ERROR', message: 'cannot map field UOM' },
    payload: { productionOrder: 'PO-DE-STU-000002' },
  }),
  // mapping, integration-team, medium
  qualityCz: failed({
    interface: 'qms-erp-quality-result', plant: 'cz-pls', messageId: 'cz-quality-1',
    businessKeys: [{ type: 'inspection_lot', value: 'IL-CZ-PLS-0001' }],
    error: { code: 'SCHEMA_VIOLATION', message: 'schema validation failed' },
    payload: { inspectionLot: 'IL-CZ-PLS-0001' },
  }),
} satisfies Record<string, LifecycleEvent>;

export type FailureName = keyof typeof FAILURES;

/** Posts lifecycle events with the ingest token and expects every one accepted. */
export async function ingest(collector: TestCollector, events: LifecycleEvent[]): Promise<void> {
  const response = await collector.call('/v1/events', {
    role: 'ingest', method: 'POST', body: JSON.stringify({ events }),
  });
  const body = await response.json() as { accepted: number };
  expect(response.status).toBe(202);
  expect(body.accepted).toBe(events.length);
}

/** The id of the exception a failure raised, read from the store. */
export async function exceptionOf(collector: TestCollector, event: LifecycleEvent):
  Promise<string> {
  const page = await collector.store.listExceptions(
    { interfaces: [event.interface], plants: [event.plant] }, 500, null);
  const found = page.items.find((e) => e.messageId === event.messageId);
  if (!found) throw new Error(`no exception for ${event.interface}/${event.messageId}`);
  return found.id;
}

/** Calls the collector with a bearer secret of one's own, or with none. */
export function callAs(collector: TestCollector, secret: string | null, path: string,
  init: RequestInit & { user?: string } = {}): Promise<Response> {
  const { user, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (secret !== null) headers.set('authorization', `Bearer ${secret}`);
  if (user) headers.set('x-grafana-user', user);
  if (rest.body !== undefined) headers.set('content-type', 'application/json');
  return fetch(`${collector.url}${path}`, { ...rest, headers });
}

/** Writes a copy of the example catalog, changed by `edit`, into a fresh folder. */
export function catalogWith(edit: (catalog: CatalogDoc) => void): string {
  const doc = parse(readFileSync(EXAMPLE_CATALOG, 'utf8')) as CatalogDoc;
  edit(doc);
  const file = join(mkdtempSync(join(tmpdir(), 'syncgov-catalog-')), 'catalog.yaml');
  writeFileSync(file, stringify(doc));
  return file;
}

/** The parts of a catalog document the tests change. */
export interface CatalogDoc {
  interfaces: ({ id: string } & Record<string, unknown>)[];
}

/** Finds an interface of a catalog document by id. */
export function interfaceOf(doc: CatalogDoc, id: string): Record<string, unknown> {
  const found = doc.interfaces.find((i) => i.id === id);
  if (!found) throw new Error(`no interface ${id} in the catalog`);
  return found;
}

/** `METHOD /path` of every route the app serves, read from its route tree (HEAD left out). */
export function servedRoutes(app: FastifyInstance): string[] {
  const stack: string[] = [];
  const routes: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^((?:│ {3}| {4})*)[├└]── (\S+)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    stack.length = (match[1] as string).length / 4;
    stack.push(match[2] as string);
    for (const method of match[3]?.split(', ') ?? []) {
      if (method !== 'HEAD') routes.push(`${method} ${stack.join('')}`);
    }
  }
  return routes.sort();
}
