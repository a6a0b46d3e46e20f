import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requirePrincipal } from '../access/index.js';
import { SyncgovError } from '../errors/catalogue.js';
import type { BulkReplay } from '../replay/bulk-replay.js';
import type { Store } from '../store/store.js';
import { ExceptionQuery, toFilter } from './query.js';

export interface ReplayJobRouteOptions {
  store: Store;
  bulk: BulkReplay;
  defaultRatePerSecond: number;
}

const FilterBody = Type.Object({ filter: ExceptionQuery }, { additionalProperties: false });
const JobId = Type.Object({ id: Type.String() });

/** Bulk replay: plan, start, follow, cancel and resume. */
export const replayJobRoutes: FastifyPluginAsyncTypebox<ReplayJobRouteOptions> =
  async (app, { store, bulk, defaultRatePerSecond }) => {
    app.post('/v1/replays/plan', {
      config: { access: 'operator' },
      schema: { tags: ['replay'], summary: 'What a bulk replay would do', body: FilterBody },
    }, async (request) => bulk.plan(toFilter(request, request.body.filter)));

    app.post('/v1/replays/jobs', {
      config: { access: 'operator' },
      schema: {
        tags: ['replay'], summary: 'Start a bulk replay',
        body: Type.Object({
          filter: ExceptionQuery,
          ratePerSecond: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1000 })),
        }, { additionalProperties: false }),
      },
    }, async (request, reply) => {
      const principal = requirePrincipal(request);
      const job = await bulk.start(toFilter(request, request.body.filter),
        { actor: principal.actor, tokenName: principal.tokenName },
        request.body.ratePerSecond ?? defaultRatePerSecond);
      return reply.code(202).send(job);
    });

    app.get('/v1/replays/jobs', {
      config: { access: 'viewer' },
      schema: { tags: ['replay'], summary: 'Recent bulk replays' },
    }, async () => ({ items: await store.listJobs(50) }));

    app.get('/v1/replays/jobs/:id', {
      config: { access: 'viewer' },
      schema: { tags: ['replay'], summary: 'A bulk replay with the outcome of each item',
        params: JobId },
    }, async (request) => {
      const job = await store.getJob(request.params.id);
      if (!job) {
        throw new SyncgovError('JOB_NOT_FOUND', `no bulk replay ${request.params.id}`,
          { field: 'id', value: request.params.id });
      }
      return { ...job, items: await store.jobItems(job.id) };
    });

    app.post('/v1/replays/jobs/:id/cancel', {
      config: { access: 'operator' },
      schema: { tags: ['replay'], summary: 'Stop a bulk replay', params: JobId },
    }, async (request) => bulk.cancel(request.params.id));

    app.post('/v1/replays/jobs/:id/resume', {
      config: { access: 'operator' },
      schema: { tags: ['replay'], summary: 'Replay again what failed or was never sent',
        params: JobId },
    }, async (request) => {
      const principal = requirePrincipal(request);
      return bulk.resume(request.params.id,
        { actor: principal.actor, tokenName: principal.tokenName });
    });
  };
