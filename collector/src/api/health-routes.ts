import type { FastifyPluginAsync } from 'fastify';
import type { Store } from '../store/store.js';

export interface HealthOptions {
  store: Store;
  isClosing: () => boolean;
}

/** Liveness answers while the process runs; readiness needs a store that answers. */
export const healthRoutes: FastifyPluginAsync<HealthOptions> = async (app, opts) => {
  app.get('/healthz', { config: { access: 'public' }, schema: { tags: ['operations'] } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { config: { access: 'public' }, schema: { tags: ['operations'] } }, async (request, reply) => {
    if (opts.isClosing()) return reply.code(503).send({ status: 'closing' });
    try {
      await opts.store.ping();
      return { status: 'ready' };
    } catch (err) {
      request.log.warn({ err }, 'store did not answer the readiness check');
      return reply.code(503).send({ status: 'store unavailable' });
    }
  });
};
