import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { loadTokens } from './access/index.js';
import { buildApp } from './api/app.js';
import { CatalogSource } from './catalog/catalog-source.js';
import type { CollectorConfig } from './config/schema.js';
import { CollectorMetrics } from './metrics/collector-metrics.js';
import { PolicyAutomation } from './replay/automation.js';
import { BulkReplay } from './replay/bulk-replay.js';
import { ReplayService } from './replay/replay-service.js';
import { TargetRegistry } from './replay/target-registry.js';
import { openStore } from './store/open-store.js';
import type { Store } from './store/store.js';
import { Tracing } from './tracing/tracing.js';

/** A collector with all its parts wired, not yet listening. */
export interface Collector {
  app: FastifyInstance;
  store: Store;
  catalog: CatalogSource;
  metrics: CollectorMetrics;
  tracing: Tracing;
  replay: ReplayService;
  bulk: BulkReplay;
  automation: PolicyAutomation;
  /** Listens, starts the policy sweeps and takes over left-over bulk jobs. */
  listen(): Promise<string>;
  /** Stops intake, lets work in hand finish and closes the store. */
  close(): Promise<void>;
}

/** Builds every part of the collector from its configuration. */
export async function createCollector(config: CollectorConfig, log: Logger, version: string):
  Promise<Collector> {
  const catalog = await CatalogSource.open(config.catalog, log);
  const tokens = await loadTokens(config.access, log);
  const store = await openStore(config);
  const metrics = new CollectorMetrics(catalog.current, version, store);
  catalog.onChange((next) => metrics.onCatalog(next));
  const tracing = new Tracing(config.tracing, version, log);

  const targets = new TargetRegistry(config.replay.timeoutMs);
  const replay = new ReplayService({ store, catalog, targets, config: config.replay, metrics,
    tracing, log });
  const bulk = new BulkReplay(store, replay, log);
  const automation = new PolicyAutomation({ store, catalog, replay, config: config.replay,
    metrics, log });
  const app = await buildApp({ config, catalog, store, metrics, tracing, tokens, replay, bulk,
    log, version });

  return {
    app, store, catalog, metrics, tracing, replay, bulk, automation,
    async listen() {
      const address = await app.listen({ host: config.server.host, port: config.server.port });
      automation.start();
      await bulk.adoptRunning();
      return address.replace('0.0.0.0', '127.0.0.1');
    },
    async close() {
      await closeWithin(app, config.server.shutdownGraceMs);
      await automation.stop();
      await bulk.stop();
      await targets.close();
      await tracing.shutdown();
      await store.close();
    },
  };
}

// Requests in hand may finish; a client that never reads its answer must
// not hold the stop up forever, so what is left after the grace is cut.
async function closeWithin(app: FastifyInstance, graceMs: number): Promise<void> {
  const cut = setTimeout(() => app.server.closeAllConnections(), graceMs);
  try {
    await app.close();
  } finally {
    clearTimeout(cut);
  }
}
