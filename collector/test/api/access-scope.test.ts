import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../src/access/index.js';
import { ACTIONS } from '../../src/exceptions/workflow.js';
import { startCollector, type TestCollector } from '../support/collector-harness.js';
import { FAILURES, callAs, exceptionOf, ingest, type FailureName } from './api-fixtures.js';

const PLANT_SECRET = 'secret-of-the-plzen-operator';
const PROCESS_SECRET = 'secret-of-the-confirmation-operator';

interface Listed { items: { id: string }[]; total: number }
interface Impact { cells: { plant: string; process: string; openExceptions: number }[] }

describe('scope, actor and action roles', () => {
  let collector: TestCollector;
  const id = {} as Record<FailureName, string>;

  beforeAll(async () => {
    collector = await startCollector({
      configure: (config) => {
        config.access.tokens.push(
          { name: 'plzen-operator', sha256: hashSecret(PLANT_SECRET), role: 'operator',
            plants: ['cz-pls'] },
          { name: 'confirmation-operator', sha256: hashSecret(PROCESS_SECRET), role: 'operator',
            processes: ['production-confirmation'] },
        );
      },
    });
    await ingest(collector, Object.values(FAILURES));
    for (const name of Object.keys(FAILURES) as FailureName[]) {
      id[name] = await exceptionOf(collector, FAILURES[name]);
    }
  });

  afterAll(async () => {
    await collector.close();
  });

  const get = async <T>(secret: string, path: string) => {
    const response = await callAs(collector, secret, path);
    return { status: response.status, body: await response.json() as T };
  };
  const act = async (secret: string, exception: string, action: string, body: unknown = {}) => {
    const response = await callAs(collector, secret,
      `/v1/exceptions/${exception}/actions/${action}`,
      { method: 'POST', body: JSON.stringify(body) });
    return { status: response.status, body: await response.json() as Record<string, unknown> };
  };
  const idsOf = (list: Listed) => list.items.map((e) => e.id).sort();

  describe('a token scoped to plant cz-pls', () => {
    it('cannot read an exception of de-stu', async () => {
      const { status, body } = await get(PLANT_SECRET, `/v1/exceptions/${id.completionDe}`);

      expect(status).toBe(403);
      expect(body).toMatchObject({ code: 'SYNCGOV_AUTH_SCOPE_FORBIDDEN', field: 'plant',
        value: 'de-stu', expected: 'one of cz-pls',
        message: 'the token plzen-operator does not cover plant de-stu' });
    });

    it('cannot act on an exception of de-stu, which stays as it was', async () => {
      const { status, body } = await act(PLANT_SECRET, id.completionDe, 'acknowledge');

      expect(status).toBe(403);
      expect(body.code).toBe('SYNCGOV_AUTH_SCOPE_FORBIDDEN');
      expect((await collector.store.getException(id.completionDe))?.state).toBe('open');
      expect(await collector.store.auditTrail(id.completionDe)).toHaveLength(1);
    });

    it('reads and acts on an exception of cz-pls', async () => {
      expect((await get(PLANT_SECRET, `/v1/exceptions/${id.supplierCz}`)).status).toBe(200);
      const { status, body } = await act(PLANT_SECRET, id.qualityCz, 'assign',
        { assignee: 'quality-it' });

      expect(status).toBe(200);
      expect(body.exception).toMatchObject({ assignee: 'quality-it' });
    });

    it('lists only exceptions of cz-pls, even when it asks for de-stu', async () => {
      const all = await get<Listed>(PLANT_SECRET, '/v1/exceptions');
      const asked = await get<Listed>(PLANT_SECRET, '/v1/exceptions?plant=de-stu,cz-pls');
      const other = await get<Listed>(PLANT_SECRET, '/v1/exceptions?plant=de-stu');

      const mine = [id.completionCz, id.supplierCz, id.qualityCz].sort();
      expect(idsOf(all.body)).toEqual(mine);
      expect(all.body.total).toBe(3);
      expect(idsOf(asked.body)).toEqual(mine);
      expect(other.body).toMatchObject({ items: [], total: 0 });
    });

    it('sees only cz-pls cells in the impact view', async () => {
      const { body } = await get<Impact>(PLANT_SECRET, '/v1/impact');

      expect(new Set(body.cells.map((c) => c.plant))).toEqual(new Set(['cz-pls']));
      expect(body.cells).toHaveLength(8);
      expect(body.cells.reduce((n, c) => n + c.openExceptions, 0)).toBe(3);
    });

    it('cannot follow, cancel or resume a bulk replay that reaches beyond cz-pls', async () => {
      const filter = { businessKey: 'production_order:NONE' };
      const start = (secret: string) => callAs(collector, secret, '/v1/replays/jobs',
        { method: 'POST', body: JSON.stringify({ filter }) });
      const wide = await (await start('demo-admin')).json() as { id: string };
      const own = await (await start(PLANT_SECRET)).json() as { id: string };

      const listed = await get<{ items: { id: string }[] }>(PLANT_SECRET, '/v1/replays/jobs');
      expect(listed.body.items.map((j) => j.id)).toEqual([own.id]);
      for (const path of ['', '/cancel', '/resume']) {
        const method = path === '' ? 'GET' : 'POST';
        const refused = await callAs(collector, PLANT_SECRET, `/v1/replays/jobs/${wide.id}${path}`,
          { method });
        expect(refused.status).toBe(403);
        expect(await refused.json()).toMatchObject({ code: 'SYNCGOV_AUTH_SCOPE_FORBIDDEN',
          field: 'id', value: wide.id });
        const allowed = await callAs(collector, PLANT_SECRET, `/v1/replays/jobs/${own.id}${path}`,
          { method });
        expect(allowed.status).toBe(200);
      }
    });

    it('plans a bulk replay over cz-pls only', async () => {
      const response = await callAs(collector, PLANT_SECRET, '/v1/replays/plan',
        { method: 'POST', body: JSON.stringify({ filter: { plant: 'de-stu,cz-pls' } }) });
      const plan = await response.json() as { count: number; plants: string[] };

      expect(plan).toMatchObject({ count: 3, plants: ['cz-pls'] });
    });
  });

  describe('a token scoped to process production-confirmation', () => {
    it('cannot read or act on an exception of material consumption', async () => {
      const read = await get(PROCESS_SECRET, `/v1/exceptions/${id.consumptionDe}`);
      const acted = await act(PROCESS_SECRET, id.consumptionDe, 'acknowledge');

      expect(read.status).toBe(403);
      expect(read.body).toMatchObject({ code: 'SYNCGOV_AUTH_SCOPE_FORBIDDEN', field: 'process',
        value: 'material-consumption', expected: 'one of production-confirmation' });
      expect(acted.status).toBe(403);
      expect((await collector.store.getException(id.consumptionDe))?.state).toBe('open');
    });

    it('lists and maps only production confirmation, at every plant', async () => {
      const list = await get<Listed>(PROCESS_SECRET, '/v1/exceptions');
      const impact = await get<Impact>(PROCESS_SECRET, '/v1/impact');

      expect(idsOf(list.body)).toEqual([id.completionCz, id.completionDe].sort());
      expect(impact.body.cells.map((c) => `${c.plant}/${c.process}`).sort()).toEqual([
        'cz-pls/production-confirmation', 'de-stu/production-confirmation',
        'mx-qro/production-confirmation', 'us-clt/production-confirmation',
      ]);
    });
  });

  describe('the Grafana user', () => {
    it('is recorded as the actor of an action, beside the token that granted it', async () => {
      const response = await collector.call(`/v1/exceptions/${id.shipmentUs}/actions/acknowledge`,
        { role: 'operator', user: 'jana.novakova', method: 'POST', body: '{}' });

      expect(response.status).toBe(200);
      const audit = await collector.store.auditTrail(id.shipmentUs);
      expect(audit.at(-1)).toMatchObject({ action: 'acknowledge', actor: 'jana.novakova',
        tokenName: 'demo-operator', fromState: 'open', toState: 'acknowledged' });
      expect((await collector.store.getException(id.shipmentUs))?.acknowledgedBy)
        .toBe('jana.novakova');
    });

    it('grants nothing without a token', async () => {
      const read = await callAs(collector, null, `/v1/exceptions/${id.completionCz}`,
        { user: 'admin' });
      const acted = await callAs(collector, null,
        `/v1/exceptions/${id.completionCz}/actions/acknowledge`,
        { user: 'admin', method: 'POST', body: '{}' });

      expect(read.status).toBe(401);
      expect(acted.status).toBe(401);
      expect(await acted.json()).toMatchObject({ code: 'SYNCGOV_AUTH_TOKEN_MISSING' });
      expect((await collector.store.getException(id.completionCz))?.state).toBe('open');
    });

    it('does not raise the role of the token it comes with', async () => {
      const response = await collector.call(
        `/v1/exceptions/${id.completionCz}/actions/acknowledge`,
        { role: 'viewer', user: 'admin', method: 'POST', body: '{}' });

      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ code: 'SYNCGOV_AUTH_ROLE_FORBIDDEN' });
    });
  });

  describe('the role each action needs', () => {
    const NEEDS: Record<string, 'operator' | 'approver'> = {
      acknowledge: 'operator', assign: 'operator', replay: 'operator', approve: 'approver',
      reject: 'approver', resolve: 'operator', ignore: 'operator', 'mark-corrected': 'operator',
    };

    it('names every action of the workflow', () => {
      expect(Object.keys(NEEDS).sort()).toEqual([...ACTIONS].sort());
    });

    it.each(Object.entries(NEEDS).filter(([, need]) => need === 'approver'))(
      '%s is refused to an operator with the role it needs', async (action) => {
        const response = await collector.call(
          `/v1/exceptions/${id.completionCz}/actions/${action}`,
          { role: 'operator', method: 'POST', body: JSON.stringify({ reason: 'checked' }) });

        expect(response.status).toBe(403);
        expect(await response.json()).toMatchObject({ code: 'SYNCGOV_AUTH_ROLE_FORBIDDEN',
          field: 'role', value: 'operator', expected: 'approver' });
      });

    it.each(Object.keys(NEEDS))('%s is refused to a viewer and to the ingest token',
      async (action) => {
        for (const role of ['viewer', 'ingest']) {
          const response = await collector.call(
            `/v1/exceptions/${id.completionCz}/actions/${action}`,
            { role, method: 'POST', body: '{}' });
          expect(response.status).toBe(403);
        }
      });
  });
});
