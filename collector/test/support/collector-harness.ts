import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { buildApp } from '../../src/api/app.js';
import { CatalogSource } from '../../src/catalog/catalog-source.js';
import { defaultConfig, EXAMPLE_CATALOG } from '../../src/config/defaults.js';
import type { CollectorConfig } from '../../src/config/schema.js';
import { CollectorMetrics } from '../../src/metrics/collector-metrics.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';

/** A collector running in this process on a free port, with its own SQLite file. */
export interface TestCollector {
  url: string;
  app: FastifyInstance;
  store: SqliteStore;
  catalog: CatalogSource;
  metrics: CollectorMetrics;
  config: CollectorConfig;
  close(): Promise<void>;
}

export interface HarnessOptions {
  catalogPath?: string;
  configure?: (config: CollectorConfig) => void;
}

export async function startCollector(options: HarnessOptions = {}): Promise<TestCollector> {
  const dataDir = mkdtempSync(join(tmpdir(), 'syncgov-test-'));
  const config = defaultConfig();
  config.dataDir = dataDir;
  config.catalog = options.catalogPath ?? EXAMPLE_CATALOG;
  config.simulator.enabled = false;
  config.server.port = 0;
  options.configure?.(config);

  const log = pino({ level: 'silent' });
  const catalog = await CatalogSource.open(config.catalog, log);
  const store = new SqliteStore(join(dataDir, 'syncgov.sqlite'));
  await store.migrate();
  const metrics = new CollectorMetrics(catalog.current, '0.0.0-test', store);
  catalog.onChange((next) => metrics.onCatalog(next));
  const app = await buildApp({ config, catalog, store, metrics, log, version: '0.0.0-test' });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url, app, store, catalog, metrics, config,
    async close() {
      await app.close();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Reads the value of one series from a text exposition, or undefined. */
export function sample(exposition: string, series: string): number | undefined {
  for (const line of exposition.split('\n')) {
    if (line.startsWith(`${series} `)) return Number(line.slice(series.length + 1));
  }
  return undefined;
}
