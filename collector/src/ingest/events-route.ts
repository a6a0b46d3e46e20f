import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ERRORS, SyncgovError, errorBody } from '../errors/catalogue.js';
import { EventBatch } from './event-schema.js';
import type { IngestService } from './ingest-service.js';

export interface EventsRouteOptions {
  ingest: IngestService;
  maxBatchEvents: number;
}

/**
 * POST /v1/events: a batch of lifecycle events. Answers 202 once every good
 * event is durably stored, with a result per item; 400 when no item was good.
 */
export const eventsRoute: FastifyPluginAsyncTypebox<EventsRouteOptions> = async (app, opts) => {
  app.post('/v1/events', {
    config: { access: 'ingest' },
    schema: {
      summary: 'Ingest a batch of lifecycle events',
      tags: ['ingest'],
      body: EventBatch,
    },
  }, async (request, reply) => {
    const { events } = request.body;
    if (events.length > opts.maxBatchEvents) {
      throw new SyncgovError('BATCH_TOO_LARGE',
        `the batch holds ${events.length} events; at most ${opts.maxBatchEvents} are accepted`,
        { field: '/events', value: events.length, expected: `at most ${opts.maxBatchEvents}` });
    }
    const result = await opts.ingest.ingest(events);
    if (result.rejected === events.length) {
      const message = `all ${events.length} events of the batch were rejected`;
      return reply.code(400).send({ ...errorBody(ERRORS.EVENT_INVALID, message), ...result });
    }
    return reply.code(202).send(result);
  });
};
