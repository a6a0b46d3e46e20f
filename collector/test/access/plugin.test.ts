import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyRequest } from 'fastify';
import { requirePrincipal } from '../../src/access/plugin.js';
import { ERRORS, SyncgovError } from '../../src/errors/catalogue.js';
import { bearer, startAccessApp, type AccessApp } from './access-app.js';

describe('access plugin', () => {
  let server: AccessApp;

  beforeAll(async () => {
    server = await startAccessApp();
  });
  afterAll(() => server.close());

  const call = async (method: string, path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${server.url}${path}`, { method, headers });
    const body = await response.json() as unknown;
    return { status: response.status, headers: response.headers, body };
  };

  it('lets anyone call a public route, without looking for a token', async () => {
    expect(await call('GET', '/healthz')).toMatchObject({ status: 200, body: { principal: null } });
    expect(await call('GET', '/healthz', { authorization: 'Bearer wrong' }))
      .toMatchObject({ status: 200, body: { principal: null } });
  });

  it('answers 401 AUTH_TOKEN_MISSING with a Bearer challenge when no token is sent', async () => {
    const { status, headers, body } = await call('GET', '/v1/exceptions');

    expect(status).toBe(401);
    expect(headers.get('www-authenticate')).toBe('Bearer realm="syncgov"');
    expect(body).toEqual({
      statusCode: 401,
      code: 'SYNCGOV_AUTH_TOKEN_MISSING',
      error: 'Unauthorized',
      message: 'this route needs Authorization: Bearer <token>',
      field: 'headers.authorization',
      expected: 'Bearer <token>',
      hint: ERRORS.AUTH_TOKEN_MISSING.hint,
    });
  });

  it('answers 401 AUTH_TOKEN_MISSING to a header of another form, without echoing it', async () => {
    for (const authorization of ['Basic dmljOnNlY3JldA==', 'Bearer', 'Bearer a b', 'secret-vic']) {
      const { status, body } = await call('GET', '/v1/exceptions', { authorization });

      expect(status).toBe(401);
      expect(body).toEqual({
        statusCode: 401,
        code: 'SYNCGOV_AUTH_TOKEN_MISSING',
        error: 'Unauthorized',
        message: 'the Authorization header is not of the form Bearer <token>',
        field: 'headers.authorization',
        expected: 'Bearer <token>',
        hint: ERRORS.AUTH_TOKEN_MISSING.hint,
      });
    }
  });

  it('accepts the scheme in any case', async () => {
    const { status } = await call('GET', '/v1/exceptions', { authorization: 'bearer secret-vic' });

    expect(status).toBe(200);
  });

  it('answers 401 AUTH_TOKEN_INVALID with an invalid_token challenge to an unknown token', async () => {
    const { status, headers, body } = await call('GET', '/v1/exceptions', bearer('eve'));

    expect(status).toBe(401);
    expect(headers.get('www-authenticate')).toBe('Bearer realm="syncgov", error="invalid_token"');
    expect(body).toEqual({
      statusCode: 401,
      code: 'SYNCGOV_AUTH_TOKEN_INVALID',
      error: 'Unauthorized',
      message: 'the bearer token is not one this collector accepts',
      hint: ERRORS.AUTH_TOKEN_INVALID.hint,
    });
  });

  it('answers 403 AUTH_ROLE_FORBIDDEN naming the role held and the role needed', async () => {
    const { status, headers, body } = await call('POST', '/v1/exceptions/e1/acknowledge', bearer('vic'));

    expect(status).toBe(403);
    expect(headers.get('www-authenticate')).toBeNull();
    expect(body).toEqual({
      statusCode: 403,
      code: 'SYNCGOV_AUTH_ROLE_FORBIDDEN',
      error: 'Forbidden',
      message: 'this route needs the role operator; the token vic has viewer',
      field: 'role',
      value: 'viewer',
      expected: 'operator',
      hint: ERRORS.AUTH_ROLE_FORBIDDEN.hint,
    });
  });

  it('refuses an operator the approval and the admin routes', async () => {
    expect((await call('POST', '/v1/exceptions/e1/approve', bearer('olga'))).body)
      .toMatchObject({ value: 'operator', expected: 'approver' });
    expect((await call('POST', '/v1/admin/catalog/reload', bearer('april'))).body)
      .toMatchObject({ value: 'approver', expected: 'admin' });
  });

  it('refuses an ingest token everything but posting events', async () => {
    expect((await call('GET', '/v1/exceptions', bearer('mw'))).body)
      .toMatchObject({ statusCode: 403, field: 'role', value: 'ingest', expected: 'viewer' });
    expect((await call('POST', '/v1/exceptions/e1/acknowledge', bearer('mw'))).status).toBe(403);
    expect((await call('POST', '/v1/events', bearer('mw'))).status).toBe(200);
  });

  it('refuses other roles than ingest and admin on the events route', async () => {
    expect((await call('POST', '/v1/events', bearer('april'))).body)
      .toMatchObject({ statusCode: 403, value: 'approver', expected: 'ingest' });
  });

  it('lets an admin token call every route', async () => {
    const routes = [
      ['GET', '/v1/exceptions'], ['POST', '/v1/exceptions/e1/acknowledge'],
      ['POST', '/v1/exceptions/e1/approve'], ['POST', '/v1/admin/catalog/reload'],
      ['POST', '/v1/events'],
    ] as const;
    for (const [method, path] of routes) {
      expect([method, path, (await call(method, path, bearer('root'))).status])
        .toEqual([method, path, 200]);
    }
  });

  it('lets a higher role call a lower route', async () => {
    expect((await call('GET', '/v1/exceptions', bearer('april'))).status).toBe(200);
    expect((await call('POST', '/v1/exceptions/e1/acknowledge', bearer('april'))).status).toBe(200);
  });

  it('sets the principal, with the token name as actor when Grafana names nobody', async () => {
    const { body } = await call('GET', '/v1/exceptions', bearer('olga'));

    expect(body).toEqual({
      principal: {
        tokenName: 'olga', role: 'operator', plants: null, processes: null,
        actor: 'olga', grafanaUser: null,
      },
    });
  });

  it('records the user Grafana forwards as the actor, granting nothing more', async () => {
    const headers = { ...bearer('vic'), 'x-grafana-user': 'maria.lopez' };

    expect((await call('GET', '/v1/exceptions', headers)).body).toMatchObject({
      principal: { tokenName: 'vic', role: 'viewer', actor: 'maria.lopez', grafanaUser: 'maria.lopez' },
    });
    expect((await call('POST', '/v1/exceptions/e1/acknowledge', headers)).status).toBe(403);
    expect((await call('GET', '/v1/exceptions', { 'x-grafana-user': 'admin' })).status).toBe(401);
  });

  it('refuses a route that declares no access rule, even to an admin, and logs it once', async () => {
    const first = await call('GET', '/v1/forgotten', bearer('root'));
    await call('GET', '/v1/forgotten');
    await call('DELETE', '/v1/forgotten', bearer('root'));

    expect(first.status).toBe(403);
    expect(first.body).toEqual({
      statusCode: 403,
      code: 'SYNCGOV_AUTH_ROLE_FORBIDDEN',
      error: 'Forbidden',
      message: 'GET /v1/forgotten declares no access rule, so it is refused to everyone;' +
        ' report this collector bug',
      field: 'access',
      value: null,
      hint: ERRORS.AUTH_ROLE_FORBIDDEN.hint,
    });
    const errors = server.logs.filter((l) => l.level === 50);
    expect(errors.map((l) => [l.route, l.msg])).toEqual([
      ['GET /v1/forgotten', 'route declares no access rule; refusing every request to it'],
      ['DELETE /v1/forgotten', 'route declares no access rule; refusing every request to it'],
    ]);
  });

  it('applies the rule of a GET route to its HEAD route', async () => {
    expect((await fetch(`${server.url}/v1/exceptions`, { method: 'HEAD' })).status).toBe(401);
    const head = { method: 'HEAD', headers: bearer('vic') };
    expect((await fetch(`${server.url}/v1/exceptions`, head)).status).toBe(200);
  });

  it('leaves unknown paths to the not-found handler', async () => {
    expect((await call('GET', '/v1/nowhere')).status).toBe(404);
  });

  it('never writes a secret or an Authorization header to the log', async () => {
    await call('GET', '/v1/exceptions', bearer('eve'));
    await call('GET', '/v1/exceptions', bearer('vic'));

    const logged = JSON.stringify(server.logs);
    expect(logged).not.toContain('secret-');
    expect(server.logs).toContainEqual(expect.objectContaining({
      msg: 'request refused', code: 'SYNCGOV_AUTH_TOKEN_INVALID', route: '/v1/exceptions',
    }));
  });
});

describe('requirePrincipal', () => {
  it('refuses with AUTH_TOKEN_MISSING where no token was checked', () => {
    const request = { principal: null } as FastifyRequest;

    expect(() => requirePrincipal(request)).toThrow(SyncgovError);
    expect(() => requirePrincipal(request)).toThrow('this route checked no token');
  });

  it('gives the principal the hook set', () => {
    const principal = {
      tokenName: 'vic', role: 'viewer', plants: null, processes: null,
      actor: 'vic', grafanaUser: null,
    } as const;

    expect(requirePrincipal({ principal } as FastifyRequest)).toBe(principal);
  });
});
