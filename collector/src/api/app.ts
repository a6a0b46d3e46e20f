import swagger from '@fastify/swagger';
import Fastify, {
  LogController,
  type FastifyBaseLogger, type FastifyContextConfig, type FastifyInstance, type FastifySchema,
  type RouteOptions,
} from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Logger } from 'pino';
import { accessPlugin, type TokenSet } from '../access/index.js';
import { catalogRoutes } from '../catalog/catalog-routes.js';
import type { CatalogSource } from '../catalog/catalog-source.js';
import type { CollectorConfig } from '../config/schema.js';
import { eventsRoute } from '../ingest/events-route.js';
import { IngestService } from '../ingest/ingest-service.js';
import type { CollectorMetrics } from '../metrics/collector-metrics.js';
import { metricsRoute } from '../metrics/metrics-route.js';
import type { BulkReplay } from '../replay/bulk-replay.js';
import type { ReplayService } from '../replay/replay-service.js';
import type { Store } from '../store/store.js';
import type { Tracing } from '../tracing/tracing.js';
import { ERRORS, errorBody } from '../errors/catalogue.js';
import { installErrorHandling } from './error-handler.js';
import { exceptionRoutes } from './exception-routes.js';
import { healthRoutes } from './health-routes.js';
import { impactRoute } from './impact-route.js';
import { infoRoute } from './info-route.js';
import { replayJobRoutes } from './replay-job-routes.js';

/** Everything the HTTP layer needs, built once at start. */
export interface AppContext {
  config: CollectorConfig;
  catalog: CatalogSource;
  store: Store;
  metrics: CollectorMetrics;
  tracing: Tracing;
  tokens: TokenSet;
  replay: ReplayService;
  bulk: BulkReplay;
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
  app.addHook('onRequest', async (request, reply) => {
    if (!closing || request.url === '/healthz') return;
    await reply.code(503).send(errorBody(ERRORS.SHUTTING_DOWN, 'the collector is stopping'));
  });
  installErrorHandling(app);
  await app.register(swagger, { openapi: openApiInfo(ctx.version), transform: withAccess });
  await app.register(accessPlugin, {
    tokens: ctx.tokens, actionsPerMinute: ctx.config.access.actionsPerMinute,
  });
  app.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } },
    async () => app.swagger());

  const ingest = new IngestService(ctx.catalog, ctx.store, ctx.metrics, ctx.tracing, ctx.log);
  await app.register(healthRoutes, { store: ctx.store, isClosing: () => closing });
  await app.register(metricsRoute, { metrics: ctx.metrics });
  await app.register(infoRoute, { catalog: ctx.catalog, version: ctx.version });
  await app.register(catalogRoutes, { catalog: ctx.catalog, metrics: ctx.metrics });
  await app.register(eventsRoute, { ingest, maxBatchEvents: ctx.config.ingest.maxBatchEvents });
  await app.register(impactRoute, { store: ctx.store, catalog: ctx.catalog });
  await app.register(exceptionRoutes, { store: ctx.store, catalog: ctx.catalog,
    replay: ctx.replay });
  await app.register(replayJobRoutes, { store: ctx.store, bulk: ctx.bulk,
    defaultRatePerSecond: ctx.config.replay.bulkPerSecond });
  return app;
}

/**
 * Writes each route's access rule into its operation: `x-syncgov-role`, and
 * no security requirement on public routes, so the document says truly which
 * routes need a token and which role.
 */
function withAccess({ schema, url, route }: {
  schema: FastifySchema; url: string; route: RouteOptions;
}) {
  const access = (route.config as FastifyContextConfig | undefined)?.access ?? null;
  const security = access === 'public' ? { security: [] } : {};
  return { schema: { ...schema, ...security, 'x-syncgov-role': access }, url };
}

function openApiInfo(version: string) {
  return {
    info: {
      title: 'syncgov collector API',
      description: 'Lifecycle ingest, business service catalog, exceptions and governed replay. '
        + 'Every /v1 route needs Authorization: Bearer <token>.',
      version,
    },
    components: {
      securitySchemes: { bearer: { type: 'http' as const, scheme: 'bearer' } },
    },
    security: [{ bearer: [] }],
  };
}
