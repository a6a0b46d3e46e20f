import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { ERRORS, SyncgovError } from '../errors/catalogue.js';
import { installActionLimit, isLimitedAction, type ActionLimit } from './action-limit.js';
import { grafanaUserOf } from './grafana-user.js';
import { roleAllows, type Access } from './roles.js';
import type { Principal } from './scope.js';
import type { AccessToken, TokenSet } from './tokens.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route: `public`, or the least role a token needs. */
    access?: Access;
  }
  interface FastifyRequest {
    /** The caller, set by the access hook; null on public routes. */
    principal: Principal | null;
  }
}

/** What the access plugin needs: the accepted tokens and the action limit. */
export interface AccessPluginOptions {
  tokens: TokenSet;
  /** Mutating requests each token may make per minute; ingest is exempt. */
  actionsPerMinute: number;
}

// Visible ASCII without spaces: any secret an admin may have chosen, bounded.
const BEARER = /^Bearer +([\x21-\x7e]{1,1024}) *$/i;
const CHALLENGE = 'Bearer realm="syncgov"';

async function access(app: FastifyInstance, options: AccessPluginOptions): Promise<void> {
  app.decorateRequest('principal', null);
  const limit = await installActionLimit(app, options.actionsPerMinute);
  const guard = new AccessGuard(options.tokens, limit);
  app.addHook('onRequest', (request, reply) => guard.check(request, reply));
}

/**
 * Requires a bearer token on every route whose config does not say
 * `access: 'public'`, refuses roles below the route's need, limits actions
 * per token and sets `request.principal`. A route that declares no access
 * rule is refused to everyone: forgetting one must not open it.
 * Register it before the routes, at the root.
 */
export const accessPlugin = fastifyPlugin(access, { name: 'syncgov-access', fastify: '5.x' });

class AccessGuard {
  private readonly undeclaredSeen = new Set<string>();

  constructor(private readonly tokens: TokenSet, private readonly limit: ActionLimit) {}

  async check(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    // Unknown paths answer 404 whatever the token: there is nothing to protect.
    if (request.is404) return undefined;
    const need = request.routeOptions.config.access;
    if (need === 'public') return undefined;
    if (need === undefined) return refuse(request, reply, this.undeclared(request));

    const token = this.authenticate(request);
    if (token instanceof SyncgovError) return refuse(request, reply, token);
    if (!roleAllows(token.role, need)) return refuse(request, reply, roleTooLow(token, need));

    request.principal = principalOf(token, request);
    if (!isLimitedAction(request.method, need)) return undefined;
    const limited = await this.limit(request, reply);
    return limited === null ? undefined : refuse(request, reply, limited);
  }

  private authenticate(request: FastifyRequest): AccessToken | SyncgovError {
    const header = request.headers.authorization;
    if (header === undefined) return noToken('this route needs Authorization: Bearer <token>');

    const secret = BEARER.exec(header)?.[1];
    if (secret === undefined) {
      return noToken('the Authorization header is not of the form Bearer <token>');
    }
    return this.tokens.verify(secret) ??
      new SyncgovError('AUTH_TOKEN_INVALID', 'the bearer token is not one this collector accepts');
  }

  private undeclared(request: FastifyRequest): SyncgovError {
    const route = `${request.method} ${request.routeOptions.url ?? request.url}`;
    if (!this.undeclaredSeen.has(route)) {
      this.undeclaredSeen.add(route);
      request.log.error({ route }, 'route declares no access rule; refusing every request to it');
    }
    return new SyncgovError('AUTH_ROLE_FORBIDDEN',
      `${route} declares no access rule, so it is refused to everyone; report this collector bug`,
      { field: 'access', value: null });
  }
}

// The header's value is never echoed: it may hold a secret in the wrong form.
function noToken(message: string): SyncgovError {
  return new SyncgovError('AUTH_TOKEN_MISSING', message,
    { field: 'headers.authorization', expected: 'Bearer <token>' });
}

function roleTooLow(token: AccessToken, need: Access): SyncgovError {
  return new SyncgovError('AUTH_ROLE_FORBIDDEN',
    `this route needs the role ${need}; the token ${token.name} has ${token.role}`,
    { field: 'role', value: token.role, expected: need });
}

function principalOf(token: AccessToken, request: FastifyRequest): Principal {
  const grafanaUser = grafanaUserOf(request.headers);
  return {
    tokenName: token.name,
    role: token.role,
    plants: token.plants,
    processes: token.processes,
    actor: grafanaUser ?? token.name,
    grafanaUser,
  };
}

function refuse(request: FastifyRequest, reply: FastifyReply, error: SyncgovError): FastifyReply {
  if (error.statusCode === 401) reply.header('www-authenticate', challengeFor(error));
  request.log.info(
    { route: request.routeOptions.url, method: request.method, code: error.code },
    'request refused');
  return reply.code(error.statusCode).send(error.toBody());
}

function challengeFor(error: SyncgovError): string {
  // RFC 6750: name the error only when a token was presented.
  const presented = error.code === ERRORS.AUTH_TOKEN_INVALID.code;
  return presented ? `${CHALLENGE}, error="invalid_token"` : CHALLENGE;
}

/**
 * The caller of a protected route. Throws AUTH_TOKEN_MISSING if called from
 * a public route, where no token was checked.
 */
export function requirePrincipal(request: FastifyRequest): Principal {
  if (request.principal === null) {
    throw new SyncgovError('AUTH_TOKEN_MISSING', 'this route checked no token');
  }
  return request.principal;
}
