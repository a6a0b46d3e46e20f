import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SyncgovError } from '../errors/catalogue.js';
import type { Access } from './roles.js';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const ONE_MINUTE_MS = 60_000;

/**
 * Counts one action of the request's token; answers null while within the
 * limit, or the error to answer with once it is exceeded.
 */
export type ActionLimit = (
  request: FastifyRequest,
  reply: FastifyReply,
) => Promise<SyncgovError | null>;

/**
 * Tells whether a request counts against its token's action limit: every
 * mutating route except ingest, whose middleware posts batches all day.
 */
export function isLimitedAction(method: string, access: Access): boolean {
  return MUTATING.has(method) && access !== 'ingest' && access !== 'public';
}

/**
 * Registers @fastify/rate-limit without global hooks and returns a limiter
 * keyed by token name, so that the access hook decides when it runs: after
 * the token is known, never for reads or ingest.
 */
export async function installActionLimit(
  app: FastifyInstance,
  actionsPerMinute: number,
): Promise<ActionLimit> {
  await app.register(rateLimit, { global: false });
  const limiter = app.createRateLimit({
    max: actionsPerMinute,
    timeWindow: ONE_MINUTE_MS,
    keyGenerator: (request) => request.principal?.tokenName ?? request.ip,
  });
  return async (request, reply) => {
    const outcome = await limiter(request);
    if (outcome.isAllowed) return null;

    reply.header('x-ratelimit-limit', outcome.max);
    reply.header('x-ratelimit-remaining', outcome.remaining);
    reply.header('x-ratelimit-reset', outcome.ttlInSeconds);
    if (!outcome.isExceeded) return null;

    reply.header('retry-after', outcome.ttlInSeconds);
    return tooManyActions(outcome.key, outcome.max, outcome.ttlInSeconds);
  };
}

function tooManyActions(tokenName: string, max: number, retryAfter: number): SyncgovError {
  const message = `the token ${tokenName} made more than ${max} actions in a minute;` +
    ` retry in ${retryAfter} s`;
  return new SyncgovError('RATE_LIMITED', message, {
    field: 'token', value: tokenName, expected: `at most ${max} actions per minute`,
  });
}
