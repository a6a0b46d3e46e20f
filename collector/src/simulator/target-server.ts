import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { LifecycleEvent } from '../ingest/event-schema.js';
import type { ScenarioClock } from './scenario.js';

/** Where the simulated target systems listen. */
export interface TargetServerOptions {
  host: string;
  port: number;
  scenario: ScenarioClock;
  /** Hands the lifecycle events middleware would report to the collector. */
  report(events: LifecycleEvent[]): void;
  log: Logger;
}

/**
 * The target systems of the simulated estate, as replay targets: ERP, MES,
 * WMS, ... at POST /targets/<system>. Like a careful real target, each drops
 * a message whose idempotency key it has seen, refuses while the scenario has
 * it down, and otherwise takes the message, after which the simulated
 * middleware reports it replayed and delivered: the loop a replay needs to
 * be verified.
 */
export async function startTargetServer(options: TargetServerOptions):
  Promise<{ url: string; received: Map<string, number>; close(): Promise<void> }> {
  const received = new Map<string, number>();
  const app: FastifyInstance = Fastify({
    logController: new LogController({ disableRequestLogging: true }),
  });
  app.post<{ Params: { system: string } }>('/targets/:system', async (request, reply) => {
    const header = (name: string) => String(request.headers[name] ?? '');
    const key = header('idempotency-key');
    const plant = header('x-syncgov-plant');
    received.set(key, (received.get(key) ?? 0) + 1);
    if ((received.get(key) ?? 0) > 1) return reply.code(200).send({ status: 'already processed' });
    if (options.scenario.downUntil(request.params.system, plant, Date.now()) !== null) {
      received.delete(key);
      return reply.code(503).send({ status: `${request.params.system} is unavailable` });
    }
    options.report(reportedEvents(header));
    return reply.code(202).send({ status: 'accepted' });
  });
  const address = await app.listen({ host: options.host, port: options.port });
  options.log.info({ url: address }, 'simulated target systems listening');
  return { url: address, received, close: () => app.close() };
}

function reportedEvents(header: (name: string) => string): LifecycleEvent[] {
  const [type = 'document', ...rest] = header('x-syncgov-business-key').split(':');
  const base = {
    interface: header('x-syncgov-interface'),
    plant: header('x-syncgov-plant'),
    messageId: header('x-syncgov-message-id'),
    businessKeys: [{ type, value: rest.join(':') || 'unknown' }],
    attributes: { idempotencyKey: header('idempotency-key') },
  };
  const now = Date.now();
  return [
    { ...base, stage: 'replayed', eventTime: new Date(now).toISOString() },
    { ...base, stage: 'delivered', eventTime: new Date(now + 250).toISOString() },
  ];
}
