import type { FastifyPluginAsync } from 'fastify';
import type { CollectorMetrics } from './collector-metrics.js';

/** GET /metrics, in OpenMetrics when the scraper asks for it, else in text 0.0.4. */
export const metricsRoute: FastifyPluginAsync<{ metrics: CollectorMetrics }> = async (app, opts) => {
  app.get('/metrics', { config: { access: 'public' }, schema: { tags: ['operations'] } }, async (request, reply) => {
    const accept = request.headers.accept ?? '';
    const { contentType, body } = await opts.metrics.render(
      accept.includes('application/openmetrics-text'));
    return reply.type(contentType).send(body);
  });
};
