import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { assertInScope, requirePrincipal, roleAllows } from '../access/index.js';
import type { CatalogSource } from '../catalog/catalog-source.js';
import { SyncgovError } from '../errors/catalogue.js';
import {
  ACTIONS, ACTION_ROLES, allowedActions, applyAction, type Action,
} from '../exceptions/workflow.js';
import type { ReplayService } from '../replay/replay-service.js';
import type { ExceptionRecord } from '../store/exception-store.js';
import type { Store } from '../store/store.js';
import { StringEnum } from '../validation/schema-helpers.js';
import { exceptionDetail, exceptionSummary } from './exception-views.js';
import { ExceptionQuery, toCursor, toFilter } from './query.js';
import type { FastifyRequest } from 'fastify';

export interface ExceptionRouteOptions {
  store: Store;
  catalog: CatalogSource;
  replay: ReplayService;
}

const ActionBody = Type.Object({
  reason: Type.Optional(Type.String({ maxLength: 2000 })),
  assignee: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  requestId: Type.Optional(Type.String({ minLength: 1, maxLength: 200,
    description: 'the caller\'s id for this click: a repeat returns the first answer' })),
}, { additionalProperties: false });

/** The exception work queue: list, detail with timeline, and workflow actions. */
export const exceptionRoutes: FastifyPluginAsyncTypebox<ExceptionRouteOptions> =
  async (app, opts) => {
    const { store, catalog, replay } = opts;

    app.get('/v1/exceptions', {
      config: { access: 'viewer' },
      schema: {
        tags: ['exceptions'], summary: 'List exceptions',
        querystring: Type.Intersect([ExceptionQuery, Type.Object({
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
          cursor: Type.Optional(Type.String()),
        })]),
      },
    }, async (request) => {
      const filter = toFilter(request, request.query);
      const page = await store.listExceptions(filter, request.query.limit ?? 50,
        toCursor(request.query.cursor));
      const policies = await Promise.all(page.items.map((e) => replay.policyFor(e)));
      const now = Date.now();
      const groups = await groupSizes(store, page.items);
      return { items: page.items.map((e, i) => ({ ...exceptionSummary(e, policies[i]!, now),
        groupSize: groups.get(e.fingerprint) ?? 1 })),
        nextCursor: page.nextCursor, total: page.total };
    });

    app.get('/v1/exceptions/:id', {
      config: { access: 'viewer' },
      schema: { tags: ['exceptions'], summary: 'One exception with its timeline',
        params: Type.Object({ id: Type.String() }) },
    }, async (request) => detail(request, await scoped(request, request.params.id)));

    app.post('/v1/exceptions/:id/actions/:action', {
      config: { access: 'operator' },
      schema: {
        tags: ['exceptions'], summary: 'Act on an exception',
        params: Type.Object({ id: Type.String(), action: StringEnum(ACTIONS) }),
        body: Type.Optional(ActionBody),
      },
    }, async (request) => {
      const action = request.params.action as Action;
      matchesGrantedAction(request, action);
      const e = await scoped(request, request.params.id);
      const principal = requirePrincipal(request);
      if (!roleAllows(principal.role, ACTION_ROLES[action])) {
        throw new SyncgovError('AUTH_ROLE_FORBIDDEN', `${action} needs the ${ACTION_ROLES[action]} role`,
          { field: 'role', value: principal.role, expected: ACTION_ROLES[action] });
      }
      const who = { actor: principal.actor, tokenName: principal.tokenName };
      const body = request.body ?? {};
      const reason = body.reason ?? null;
      if (action === 'replay' || action === 'approve') {
        const result = action === 'replay'
          ? await replay.request(e.id, who, { reason, requestId: body.requestId ?? null, jobId: null })
          : await replay.approve(e.id, who, reason ?? '');
        return { status: result.status, replay: result.replay,
          exception: await detail(request, result.exception) };
      }
      const changed = await applyAction(store, e, action, who,
        { reason, assignee: body.assignee ?? null });
      return { status: changed.state, replay: null, exception: await detail(request, changed) };
    });

    async function scoped(request: FastifyRequest, id: string): Promise<ExceptionRecord> {
      const e = await store.getException(id);
      if (!e) {
        throw new SyncgovError('EXCEPTION_NOT_FOUND', `no exception ${id}`, { field: 'id', value: id });
      }
      assertInScope(requirePrincipal(request), e.plantId, e.labels.process);
      return e;
    }

    async function detail(request: FastifyRequest, e: ExceptionRecord) {
      const principal = requirePrincipal(request);
      const [policy, message, history, replays, audit] = await Promise.all([
        replay.policyFor(e), store.getMessage(e.interfaceId, e.messageId),
        store.messageHistory(e.interfaceId, e.messageId), store.replaysOf(e.id),
        store.auditTrail(e.id),
      ]);
      const actions = allowedActions(e, (need) => roleAllows(principal.role, need),
        principal.actor, policy);
      return exceptionDetail(catalog.current, { exception: e, policy, message, history, replays,
        audit, allowedActions: actions }, Date.now());
    }
  };

// Repeats of one problem share a fingerprint: the queue shows how many are open.
async function groupSizes(store: Store, items: ExceptionRecord[]): Promise<Map<string, number>> {
  const fingerprints = [...new Set(items.map((e) => e.fingerprint))];
  const totals = await Promise.all(fingerprints.map((fp) =>
    store.listExceptions({ fingerprints: [fp], unresolved: true }, 1, null)));
  return new Map(fingerprints.map((fp, i) => [fp, totals[i]?.total ?? 1]));
}

/**
 * Grafana's plugin proxy matches routes by path prefix, so the app sends each
 * action through its own route, which stamps X-Syncgov-Action. A request
 * whose stamp names another action came in through the wrong grant.
 */
function matchesGrantedAction(request: FastifyRequest, action: Action): void {
  const stamped = request.headers['x-syncgov-action'];
  if (stamped === undefined || stamped === action) return;
  throw new SyncgovError('AUTH_ROLE_FORBIDDEN',
    `the request was granted for ${String(stamped)}, not for ${action}`,
    { field: 'action', value: action, expected: String(stamped) });
}
