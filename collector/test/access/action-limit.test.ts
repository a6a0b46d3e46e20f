import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isLimitedAction } from '../../src/access/action-limit.js';
import { ERRORS, errorBody } from '../../src/errors/catalogue.js';
import { bearer, startAccessApp, type AccessApp } from './access-app.js';

const LIMIT = 3;

describe('action limit', () => {
  let server: AccessApp;

  beforeEach(async () => {
    server = await startAccessApp(LIMIT);
  });
  afterEach(() => server.close());

  const post = (path: string, token: string) =>
    fetch(`${server.url}${path}`, { method: 'POST', headers: bearer(token) });
  const acknowledge = (token: string) => post('/v1/exceptions/e1/acknowledge', token);

  it(`answers 429 RATE_LIMITED with Retry-After after ${LIMIT} actions of one token`, async () => {
    const remaining: (string | null)[] = [];
    for (let i = 0; i < LIMIT; i += 1) {
      const response = await acknowledge('olga');
      expect(response.status).toBe(200);
      remaining.push(response.headers.get('x-ratelimit-remaining'));
    }
    const refused = await acknowledge('olga');
    const retryAfter = Number(refused.headers.get('retry-after'));

    expect(remaining).toEqual(['2', '1', '0']);
    expect(refused.status).toBe(429);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await refused.json()).toEqual(errorBody(ERRORS.RATE_LIMITED,
      `the token olga made more than ${LIMIT} actions in a minute; retry in ${retryAfter} s`,
      { field: 'token', value: 'olga', expected: `at most ${LIMIT} actions per minute` }));
  });

  it('counts per token: another token of the same role is unaffected', async () => {
    for (let i = 0; i <= LIMIT; i += 1) await acknowledge('olga');

    expect((await acknowledge('olga')).status).toBe(429);
    expect((await acknowledge('olaf')).status).toBe(200);
  });

  it('counts every mutating route of a token together, and never reads', async () => {
    await post('/v1/exceptions/e1/acknowledge', 'root');
    await post('/v1/exceptions/e1/approve', 'root');
    await post('/v1/admin/catalog/reload', 'root');

    expect((await post('/v1/exceptions/e2/acknowledge', 'root')).status).toBe(429);
    const read = await fetch(`${server.url}/v1/exceptions`, { headers: bearer('root') });
    expect(read.status).toBe(200);
    expect(read.headers.get('x-ratelimit-limit')).toBeNull();
  });

  it('never limits lifecycle ingest, whatever the token', async () => {
    const statuses = [];
    for (let i = 0; i < LIMIT * 3; i += 1) {
      statuses.push((await post('/v1/events', 'mw')).status, (await post('/v1/events', 'root')).status);
    }

    expect(new Set(statuses)).toEqual(new Set([200]));
    expect((await acknowledge('root')).status).toBe(200);
  });

  it('answers 401, not 429, to unknown tokens however many they send', async () => {
    const statuses = [];
    for (let i = 0; i <= LIMIT + 1; i += 1) statuses.push((await acknowledge('eve')).status);

    expect(statuses).toEqual([401, 401, 401, 401, 401]);
  });
});

describe('isLimitedAction', () => {
  it('limits mutating methods on role routes only', () => {
    expect(['POST', 'PUT', 'PATCH', 'DELETE'].map((m) => isLimitedAction(m, 'viewer')))
      .toEqual([true, true, true, true]);
    expect(['GET', 'HEAD', 'OPTIONS'].map((m) => isLimitedAction(m, 'admin')))
      .toEqual([false, false, false]);
    expect(isLimitedAction('POST', 'ingest')).toBe(false);
    expect(isLimitedAction('POST', 'public')).toBe(false);
  });
});
