import type { FastifyPluginAsync } from 'fastify';
import type { CatalogSource } from '../catalog/catalog-source.js';

/** GET /v1/info: who answers, and a summary of the catalog in force. */
export const infoRoute: FastifyPluginAsync<{ catalog: CatalogSource; version: string }> =
  async (app, opts) => {
    app.get('/v1/info', { config: { access: 'viewer' }, schema: { tags: ['operations'] } }, async () => ({
      name: 'syncgov-collector',
      version: opts.version,
      catalog: opts.catalog.current.summary(),
    }));
  };
