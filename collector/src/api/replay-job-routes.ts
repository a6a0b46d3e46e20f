import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requirePrincipal, type Principal } from '../access/index.js';
import { SyncgovError } from '../errors/catalogue.js';
import type { BulkReplay } from '../replay/bulk-replay.js';
import type { ReplayJob } from '../store/exception-store.js';
import type { Store } from '../store/store.js';
import { ExceptionQuery, toFilter } from './query.js';
import type { FastifyRequest } from 'fastify';

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
    }, async (request) => {
      const principal = requirePrincipal(request);
      const jobs = await store.listJobs(50);
      return { items: jobs.filter((job) => jobInScope(principal, job)) };
    });

    app.get('/v1/replays/jobs/:id', {
      config: { access: 'viewer' },
      schema: { tags: ['replay'], summary: 'A bulk replay with the outcome of each item',
        params: JobId },
    }, async (request) => {
      const job = await scopedJob(request, request.params.id);
      return { ...job, items: await store.jobItems(job.id) };
    });

    app.post('/v1/replays/jobs/:id/cancel', {
      config: { access: 'operator' },
      schema: { tags: ['replay'], summary: 'Stop a bulk replay', params: JobId },
    }, async (request) => bulk.cancel((await scopedJob(request, request.params.id)).id));

    app.post('/v1/replays/jobs/:id/resume', {
      config: { access: 'operator' },
      schema: { tags: ['replay'], summary: 'Replay again what failed or was never sent',
        params: JobId },
    }, async (request) => {
      const principal = requirePrincipal(request);
      const job = await scopedJob(request, request.params.id);
      return bulk.resume(job.id, { actor: principal.actor, tokenName: principal.tokenName });
    });

    async function scopedJob(request: FastifyRequest, id: string): Promise<ReplayJob> {
      const job = await store.getJob(id);
      if (!job) {
        throw new SyncgovError('JOB_NOT_FOUND', `no bulk replay ${id}`, { field: 'id', value: id });
      }
      const principal = requirePrincipal(request);
      if (!jobInScope(principal, job)) {
        const message = `the token ${principal.tokenName} does not cover every plant and`
          + ` process of bulk replay ${id}`;
        throw new SyncgovError('AUTH_SCOPE_FORBIDDEN', message, { field: 'id', value: id });
      }
      return job;
    }
  };

/**
 * A scoped token may follow, cancel or resume only a job whose filter stays
 * within its plants and processes: resuming a job replays its items again.
 */
function jobInScope(principal: Principal, job: ReplayJob): boolean {
  return within(principal.plants, job.filter.plants)
    && within(principal.processes, job.filter.processes);
}

function within(allowed: readonly string[] | null, asked: readonly string[] | null | undefined) {
  if (allowed === null) return true;
  return asked !== null && asked !== undefined && asked.every((v) => allowed.includes(v));
}
