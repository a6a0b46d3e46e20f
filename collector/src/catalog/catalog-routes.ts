import type { FastifyPluginAsync } from 'fastify';
import { SyncgovError } from '../errors/catalogue.js';
import type { CollectorMetrics } from '../metrics/collector-metrics.js';
import type { CatalogSource } from './catalog-source.js';

/** Reads the catalog in force and reloads it from its file. */
export const catalogRoutes: FastifyPluginAsync<{ catalog: CatalogSource; metrics: CollectorMetrics }> =
  async (app, opts) => {
  app.get('/v1/catalog', { config: { access: 'viewer' }, schema: { tags: ['catalog'] } },
    async () => opts.catalog.current.spec);

  app.post('/v1/admin/catalog/reload', { config: { access: 'admin' },
    schema: { tags: ['catalog'] } }, async () => {
    const result = await opts.catalog.reload();
    opts.metrics.catalogReloads.inc({ result: result.ok ? 'success' : 'failure' });
    if (result.ok) return { reloaded: true, catalog: result.catalog.summary() };
    const { problems } = result.error;
    const first = problems[0];
    const detail = first ? { field: first.path, value: first.value, expected: first.expected } : {};
    throw new SyncgovError('CATALOG_INVALID',
      `the catalog has ${problems.length} problem(s); the last good catalog stays in force`,
      { ...detail, problems });
  });
};
