import { describe, expect, it } from 'vitest';

import { backend } from '../../test/support/fakeBackend';
import { catalog, detail, impact } from '../../test/support/fixtures';
import { getCatalog, getImpact, listExceptions, takeAction } from './collector';
import { CollectorError } from './errors';

async function failure(promise: Promise<unknown>): Promise<CollectorError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason
  );
  expect(error).toBeInstanceOf(CollectorError);
  return error as CollectorError;
}

describe('collector client', () => {
  it('reads through the app plugin proxy, never the collector directly', async () => {
    backend.on('GET', /\/v1\/catalog$/, { body: catalog });
    await expect(getCatalog()).resolves.toEqual(catalog);
    expect(backend.callsTo('GET', /catalog/)[0]?.url).toBe(
      '/api/plugin-proxy/syncgov-governance-app/v1/catalog'
    );
  });

  it('puts set filter fields in the query string and drops empty ones', async () => {
    backend.on('GET', /\/v1\/exceptions/, { body: { items: [], nextCursor: null, total: 0 } });
    await listExceptions(
      { plant: 'berlin', class: '', businessKey: 'productionOrder:1' },
      { limit: 50 }
    );
    expect(backend.callsTo('GET', /exceptions/)[0]?.url).toBe(
      '/api/plugin-proxy/syncgov-governance-app/v1/exceptions?plant=berlin&businessKey=productionOrder%3A1&limit=50'
    );
  });

  it('posts each action to its own gated route with the request id', async () => {
    backend.on('POST', /\/actions\/replay\//, {
      body: { status: 'sent', replay: null, exception: detail() },
    });
    await takeAction('exc/1', 'replay', { requestId: 'r-1', reason: 'ERP is back' });
    expect(backend.callsTo('POST', /replay/)[0]).toEqual({
      method: 'POST',
      url: '/api/plugin-proxy/syncgov-governance-app/actions/replay/exc%2F1/actions/replay',
      body: { requestId: 'r-1', reason: 'ERP is back' },
    });
  });

  it('names the field when the collector answers in an unknown shape', async () => {
    const broken = { ...impact, cells: [{ ...impact.cells[0], severity: 'purple' }] };
    backend.on('GET', /\/v1\/impact/, { body: broken });
    const error = await failure(getImpact());
    expect(error.code).toBe('SYNCGOV_UI_UNEXPECTED_RESPONSE');
    expect(error.message).toContain(
      '$.cells[0].severity should be one of critical, high, medium, low, none'
    );
  });

  it("keeps the collector's own code, message and hint", async () => {
    backend.on('POST', /actions\/replay/, {
      status: 409,
      body: {
        statusCode: 409,
        code: 'SYNCGOV_REPLAY_IN_PROGRESS',
        error: 'Conflict',
        message: 'A replay of exc-1 is already in progress.',
        hint: 'Wait for its outcome.',
      },
    });
    const error = await failure(takeAction('exc-1', 'replay', { requestId: 'r' }));
    expect(error).toMatchObject({
      status: 409,
      code: 'SYNCGOV_REPLAY_IN_PROGRESS',
      source: 'collector',
      message: 'A replay of exc-1 is already in progress.',
      hint: 'Wait for its outcome.',
    });
  });

  it("explains a refusal by Grafana's route permissions", async () => {
    backend.on('POST', /actions\/approve/, {
      status: 403,
      body: { message: 'plugin proxy route access denied' },
    });
    const error = await failure(takeAction('exc-1', 'approve', { requestId: 'r' }));
    expect(error.code).toBe('GRAFANA_ROUTE_DENIED');
    expect(error.hint).toContain('Approver');
  });

  it('says the collector is unreachable on a bad gateway', async () => {
    backend.on('GET', /\/v1\/catalog/, { status: 502, body: { message: 'Bad Gateway' } });
    const error = await failure(getCatalog());
    expect(error.code).toBe('COLLECTOR_UNREACHABLE');
    expect(error.hint).toContain('collector URL');
  });
});
