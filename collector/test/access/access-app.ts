import { Writable } from 'node:stream';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { accessPlugin } from '../../src/access/plugin.js';
import { TokenSet, hashSecret } from '../../src/access/tokens.js';
import type { Role, TokenConfig } from '../../src/config/schema.js';

/** A token whose secret is `secret-<name>`. */
export function testToken(name: string, role: Role, extra: Partial<TokenConfig> = {}): TokenConfig {
  return { name, sha256: hashSecret(`secret-${name}`), role, ...extra };
}

/** The Authorization header for a token made by testToken. */
export function bearer(name: string): Record<string, string> {
  return { authorization: `Bearer secret-${name}` };
}

/** A fastify server with the access plugin and one route per need, on a free port. */
export interface AccessApp {
  url: string;
  app: FastifyInstance;
  logs: Record<string, unknown>[];
  close(): Promise<void>;
}

export const TOKENS = [
  testToken('vic', 'viewer'),
  testToken('olga', 'operator'),
  testToken('olaf', 'operator'),
  testToken('april', 'approver'),
  testToken('root', 'admin'),
  testToken('mw', 'ingest'),
];

export async function startAccessApp(actionsPerMinute = 100): Promise<AccessApp> {
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  // Built as api/app.ts builds the collector, so the wiring is what production uses.
  const app = Fastify({ loggerInstance: pino({ level: 'info' }, sink) as FastifyBaseLogger })
    .withTypeProvider<TypeBoxTypeProvider>();
  await app.register(accessPlugin, { tokens: new TokenSet(TOKENS), actionsPerMinute });
  addRoutes(app);
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url, app, logs, close: () => app.close() };
}

function addRoutes(app: FastifyInstance): void {
  const principal = async (request: { principal: unknown }) => ({ principal: request.principal });
  app.get('/healthz', { config: { access: 'public' } }, principal);
  app.get('/v1/exceptions', { config: { access: 'viewer' } }, principal);
  app.post('/v1/exceptions/:id/acknowledge', { config: { access: 'operator' } }, principal);
  app.post('/v1/exceptions/:id/approve', { config: { access: 'approver' } }, principal);
  app.post('/v1/admin/catalog/reload', { config: { access: 'admin' } }, principal);
  app.post('/v1/events', { config: { access: 'ingest' } }, principal);
  app.get('/v1/forgotten', principal);
  app.delete('/v1/forgotten', principal);
}
