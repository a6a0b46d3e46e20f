import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { CollectorConfig } from '../../src/config/schema.js';
import type { InterfaceSpec, ReplayTargetSpec } from '../../src/catalog/schema.js';
import { exceptionId } from '../../src/exceptions/identity.js';
import type { ExceptionClass } from '../../src/exceptions/taxonomy.js';
import type { LifecycleEvent } from '../../src/ingest/event-schema.js';
import { httpReplay, writeCatalogFixture, type CatalogFixture } from './catalog-fixture.js';
import { startCollector, type TestCollector } from './collector-harness.js';
import { startReplayTarget, type ReplayTarget } from './replay-target.js';

/** Errors worded as targets report them; the shipped rules classify each. */
export const ERRORS: Record<Exclude<ExceptionClass, 'unknown'>, LifecycleEvent['error']> = {
  transient: { code: 'ETIMEDOUT', message: 'Timed out after 30000 ms waiting for ERP',
    httpStatus: 504 },
  invalid_master_data: { code: 'E_MATERIAL', message: 'Unknown material MAT-0042 in ERP' },
  mapping: { code: 'MAPPING_ERROR', message: 'Cannot map unit of measure "PAL" to the target format' },
  sequence_dependency: { code: 'ORDER_NOT_FOUND',
    message: 'Production order PO-1 does not exist yet' },
  posting_rule: { code: 'PERIOD_CLOSED',
    message: 'Posting period 11/2026 is closed for company code 1000' },
  duplicate: { code: 'DUPLICATE_DOCUMENT', message: 'Document already posted', httpStatus: 409 },
  upstream_outage: { code: 'SYSTEM_DOWN', message: 'ERP system unavailable', httpStatus: 503 },
};

export interface EventOptions {
  messageId: string;
  key?: string;
  interface?: string;
  plant?: string;
  /** Milliseconds before now; events default to one minute ago. */
  agoMs?: number;
  payload?: unknown;
}

/** A failed lifecycle event of class `cls` with a payload to replay. */
export function failedEvent(cls: keyof typeof ERRORS, o: EventOptions): LifecycleEvent {
  return {
    ...baseEvent(o),
    stage: 'failed',
    error: ERRORS[cls],
    payload: o.payload ?? { order: o.key ?? 'PO-1', quantity: 12, unit: 'PC' },
  };
}

/** A delivered lifecycle event. */
export function deliveredEvent(o: EventOptions): LifecycleEvent {
  return { ...baseEvent(o), stage: 'delivered' };
}

function baseEvent(o: EventOptions): Omit<LifecycleEvent, 'stage'> {
  return {
    interface: o.interface ?? 'mes-erp-completion',
    plant: o.plant ?? 'cz-pls',
    messageId: o.messageId,
    eventTime: new Date(Date.now() - (o.agoMs ?? 60_000)).toISOString(),
    businessKeys: [{ type: 'production_order', value: o.key ?? 'PO-1' }],
  };
}

const MEMORY_DISK = '/dev/shm';

/** The exception id a failed message of an interface raises. */
export function idOf(messageId: string, itf = 'mes-erp-completion'): string {
  return exceptionId(itf, messageId);
}

/** A collector wired to a real HTTP replay target through a catalog copy. */
export interface ReplayScene {
  collector: TestCollector;
  target: ReplayTarget;
  catalog: CatalogFixture;
  /** The SQLite file, on a memory disk where there is one: bulk runs commit per item. */
  sqlitePath: string;
  ingest(events: LifecycleEvent[]): Promise<void>;
  act(id: string, action: string, init?: ActInit): Promise<ActAnswer>;
  close(): Promise<void>;
}

export interface ActInit {
  role?: string;
  user?: string;
  body?: Record<string, unknown>;
}

export interface ActAnswer {
  status: number;
  body: Record<string, any>;
}

export interface SceneOptions {
  configure?: (config: CollectorConfig) => void;
  overrides?: Record<string, Partial<InterfaceSpec>>;
  replay?: (targetUrl: string) => ReplayTargetSpec;
}

export async function startReplayScene(options: SceneOptions = {}): Promise<ReplayScene> {
  const target = await startReplayTarget();
  const catalog = writeCatalogFixture((options.replay ?? httpReplay)(target.url),
    options.overrides);
  const storeDir = mkdtempSync(join(existsSync(MEMORY_DISK) ? MEMORY_DISK : tmpdir(),
    'syncgov-replay-'));
  const sqlitePath = join(storeDir, 'syncgov.sqlite');
  const collector = await startCollector({ catalogPath: catalog.path,
    configure: (config) => {
      config.store.sqlitePath = sqlitePath;
      options.configure?.(config);
    } });
  return {
    collector, target, catalog, sqlitePath,
    async ingest(events) {
      const response = await collector.call('/v1/events', {
        role: 'ingest', method: 'POST', body: JSON.stringify({ events }),
      });
      const body = await response.json() as { accepted: number; results: unknown[] };
      expect(response.status, JSON.stringify(body.results.slice(0, 3))).toBe(202);
      expect(body.accepted, JSON.stringify(body.results.slice(0, 3))).toBe(events.length);
    },
    async act(id, action, init = {}) {
      const response = await collector.call(`/v1/exceptions/${id}/actions/${action}`, {
        role: init.role ?? 'operator', user: init.user, method: 'POST',
        body: JSON.stringify(init.body ?? {}),
      });
      return { status: response.status, body: await response.json() as Record<string, any> };
    },
    async close() {
      await collector.close();
      await target.close();
      catalog.remove();
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
}
