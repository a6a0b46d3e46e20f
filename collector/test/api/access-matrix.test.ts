import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Access } from '../../src/access/index.js';
import { startCollector, type TestCollector } from '../support/collector-harness.js';
import { FAILURES, ago, callAs, exceptionOf, ingest, servedRoutes } from './api-fixtures.js';

/** Who calls: no token, a token the collector does not know, or a demo token of a role. */
const CALLERS = ['none', 'invalid', 'viewer', 'operator', 'approver', 'admin', 'ingest'] as const;
type Caller = (typeof CALLERS)[number];

/** The roles each access rule lets in, written out rather than computed from src/access. */
const LET_IN: Record<Access, readonly Caller[]> = {
  public: CALLERS,
  viewer: ['viewer', 'operator', 'approver', 'admin'],
  operator: ['operator', 'approver', 'admin'],
  approver: ['approver', 'admin'],
  admin: ['admin'],
  ingest: ['ingest', 'admin'],
};

interface Ids { exception: string; job: string }

interface Row {
  access: Access;
  /** The status a caller the rule lets in gets. */
  ok: number;
  path: (ids: Ids) => string;
  body?: () => unknown;
}

let sequence = 0;

/** Every route of the collector: a route missing here fails the first test. */
const MATRIX: Record<string, Row> = {
  'GET /openapi.json': { access: 'public', ok: 200, path: () => '/openapi.json' },
  'GET /healthz': { access: 'public', ok: 200, path: () => '/healthz' },
  'GET /readyz': { access: 'public', ok: 200, path: () => '/readyz' },
  'GET /metrics': { access: 'public', ok: 200, path: () => '/metrics' },
  'GET /v1/info': { access: 'viewer', ok: 200, path: () => '/v1/info' },
  'GET /v1/catalog': { access: 'viewer', ok: 200, path: () => '/v1/catalog' },
  'POST /v1/admin/catalog/reload': {
    access: 'admin', ok: 200, path: () => '/v1/admin/catalog/reload' },
  'POST /v1/events': {
    access: 'ingest', ok: 202, path: () => '/v1/events',
    body: () => ({ events: [{ ...FAILURES.completionCz, stage: 'received', eventTime: ago(1000),
      messageId: `matrix-${(sequence += 1)}`, error: undefined }] }),
  },
  'GET /v1/impact': { access: 'viewer', ok: 200, path: () => '/v1/impact' },
  'GET /v1/exceptions': { access: 'viewer', ok: 200, path: () => '/v1/exceptions' },
  'GET /v1/exceptions/:id': {
    access: 'viewer', ok: 200, path: (ids) => `/v1/exceptions/${ids.exception}` },
  'POST /v1/exceptions/:id/actions/:action': {
    access: 'operator', ok: 200, path: (ids) => `/v1/exceptions/${ids.exception}/actions/assign`,
    body: () => ({ assignee: 'production-controlling' }),
  },
  'POST /v1/replays/plan': {
    access: 'operator', ok: 200, path: () => '/v1/replays/plan', body: () => ({ filter: {} }) },
  'POST /v1/replays/jobs': {
    access: 'operator', ok: 202, path: () => '/v1/replays/jobs',
    body: () => ({ filter: { businessKey: 'production_order:NONE' } }),
  },
  'GET /v1/replays/jobs': { access: 'viewer', ok: 200, path: () => '/v1/replays/jobs' },
  'GET /v1/replays/jobs/:id': {
    access: 'viewer', ok: 200, path: (ids) => `/v1/replays/jobs/${ids.job}` },
  'POST /v1/replays/jobs/:id/cancel': {
    access: 'operator', ok: 200, path: (ids) => `/v1/replays/jobs/${ids.job}/cancel` },
  'POST /v1/replays/jobs/:id/resume': {
    access: 'operator', ok: 200, path: (ids) => `/v1/replays/jobs/${ids.job}/resume` },
};

function secretOf(caller: Caller): string | null {
  if (caller === 'none') return null;
  return caller === 'invalid' ? 'not-a-token-of-this-collector' : `demo-${caller}`;
}

function expected(row: Row, caller: Caller): { status: number; code?: string } {
  if (LET_IN[row.access].includes(caller)) return { status: row.ok };
  if (caller === 'none') return { status: 401, code: 'SYNCGOV_AUTH_TOKEN_MISSING' };
  if (caller === 'invalid') return { status: 401, code: 'SYNCGOV_AUTH_TOKEN_INVALID' };
  return { status: 403, code: 'SYNCGOV_AUTH_ROLE_FORBIDDEN' };
}

describe('access matrix: every route by every caller', () => {
  let collector: TestCollector;
  const ids: Ids = { exception: '', job: '' };

  beforeAll(async () => {
    collector = await startCollector();
    await ingest(collector, [FAILURES.completionCz]);
    ids.exception = await exceptionOf(collector, FAILURES.completionCz);
    const job = await collector.call('/v1/replays/jobs', { role: 'operator', method: 'POST',
      body: JSON.stringify({ filter: { businessKey: 'production_order:NONE' } }) });
    ids.job = (await job.json() as { id: string }).id;
  });

  afterAll(async () => {
    await collector.close();
  });

  it('has a row for every route the app serves, and no row for a route it does not', () => {
    const served = servedRoutes(collector.app);

    expect(served.length).toBeGreaterThan(15);
    expect(served).toEqual(Object.keys(MATRIX).sort());
  });

  it('has a row for every operation of the OpenAPI document, with the same access', () => {
    const doc = collector.app.swagger() as unknown as {
      paths: Record<string, Record<string, { 'x-syncgov-role': Access }>>;
    };
    const documented = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.entries(operations).map(([method, op]) =>
        [`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`, op['x-syncgov-role']]));

    const rows = Object.entries(MATRIX).filter(([route]) => route !== 'GET /openapi.json');
    expect(Object.fromEntries(documented))
      .toEqual(Object.fromEntries(rows.map(([route, row]) => [route, row.access])));
  });

  const cases = Object.keys(MATRIX).flatMap((route) =>
    CALLERS.map((caller) => ({ route, caller })));

  it.each(cases)('$route as $caller', async ({ route, caller }) => {
    const row = MATRIX[route] as Row;
    const method = route.split(' ')[0] as string;
    const body = row.body?.();
    const response = await callAs(collector, secretOf(caller), row.path(ids), {
      method, ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const want = expected(row, caller);

    expect(response.status).toBe(want.status);
    if (want.code) {
      expect((await response.json() as { code: string }).code).toBe(want.code);
    }
    if (want.status === 401) {
      expect(response.headers.get('www-authenticate')).toBe(caller === 'invalid'
        ? 'Bearer realm="syncgov", error="invalid_token"' : 'Bearer realm="syncgov"');
    }
  });
});
