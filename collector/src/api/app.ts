import swagger from '@fastify/swagger';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Logger } from 'pino';
import { catalogRoutes } from '../catalog/catalog-routes.js';
import type { CatalogSource } from '../catalog/catalog-source.js';
import type { CollectorConfig } from '../config/schema.js';
import { eventsRoute } from '../ingest/events-route.js';
import { IngestService } from '../ingest/ingest-service.js';
import type { CollectorMetrics } from '../metrics/collector-metrics.js';
import { metricsRoute } from '../metrics/metrics-route.js';
import type { Store } from '../store/store.js';
import { installErrorHandling } from './error-handler.js';
import { healthRoutes } from './health-routes.js';
import { infoRoute } from './info-route.js';

/** Everything the HTTP layer needs, built once at start. */
export interface AppContext {
  config: CollectorConfig;
  catalog: CatalogSource;
  store: Store;
  metrics: CollectorMetrics;
  log: Logger;
  version: string;
}

/** Builds the collector's HTTP application; the caller listens and closes it. */
export async function buildApp(ctx: AppContext): Promise<FastifyInstance> {
  let closing = false;
  const app = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    // The simulator and middleware post several batches a second: log outcomes, not requests.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: ctx.config.server.bodyLimitBytes,
    ajv: { customOptions: { removeAdditional: false, allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook('onClose', async () => {
    closing = true;
  });
  installErrorHandling(app);
  await app.register(swagger, { openapi: openApiInfo(ctx.version) });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const ingest = new IngestService(ctx.catalog, ctx.store, ctx.metrics, ctx.log);
  await app.register(healthRoutes, { store: ctx.store, isClosing: () => closing });
  await app.register(metricsRoute, { metrics: ctx.metrics });
  await app.register(infoRoute, { catalog: ctx.catalog, version: ctx.version });
  await app.register(catalogRoutes, { catalog: ctx.catalog });
  await app.register(eventsRoute, { ingest, maxBatchEvents: ctx.config.ingest.maxBatchEvents });
  return app;
}

function openApiInfo(version: string) {
  return {
    info: {
      title: 'syncgov collector API',
      description: 'Lifecycle ingest, business service catalog, exceptions and governed replay.',
      version,
    },
  };
}
