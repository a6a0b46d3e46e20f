import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, type TestCollector } from '../support/collector-harness.js';
import {
  FAILURES, MINUTE_MS, ago, catalogWith, exceptionOf, failed, ingest, interfaceOf,
  type FailureName,
} from './api-fixtures.js';

interface Summary {
  id: string; link: string; businessKeyLink: string; lastSeenAt: string; state: string;
}
interface Page { items: Summary[]; total: number; nextCursor: string | null }
interface TimelineEntry { at: string; kind: string; summary: string; actor: string | null }
interface Allowed { action: string; allowed: boolean; reason: string | null }
interface Detail extends Summary {
  payload: unknown; timeline: TimelineEntry[]; allowedActions: Allowed[];
  replays: { state: string; idempotencyKey: string }[]; occurrences: number;
}

const APP = '/a/syncgov-governance-app';

async function getJson<T>(collector: TestCollector, path: string, role = 'viewer',
  user?: string): Promise<{ status: number; body: T }> {
  const response = await collector.call(path, { role, ...(user ? { user } : {}) });
  return { status: response.status, body: await response.json() as T };
}

async function act(collector: TestCollector, id: string, action: string, role: string,
  user: string, body: Record<string, unknown> = {}) {
  const response = await collector.call(`/v1/exceptions/${id}/actions/${action}`,
    { role, user, method: 'POST', body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() as Record<string, unknown> };
}

describe('GET /v1/exceptions: filters and business-key search', () => {
  let collector: TestCollector;
  const id = {} as Record<FailureName, string>;

  beforeAll(async () => {
    collector = await startCollector();
    await ingest(collector, Object.values(FAILURES));
    for (const name of Object.keys(FAILURES) as FailureName[]) {
      id[name] = await exceptionOf(collector, FAILURES[name]);
    }
    await act(collector, id.consumptionDe, 'acknowledge', 'operator', 'jana');
  });

  afterAll(async () => {
    await collector.close();
  });

  const found = async (query: string): Promise<FailureName[]> => {
    const { status, body } = await getJson<Page>(collector, `/v1/exceptions?${query}`);
    expect(status).toBe(200);
    expect(body.total).toBe(body.items.length);
    const names = Object.keys(id) as FailureName[];
    return body.items.map((e) => names.find((n) => id[n] === e.id) as FailureName).sort();
  };

  it.each([
    ['plant=cz-pls', ['completionCz', 'qualityCz', 'supplierCz']],
    ['plant=cz-pls,us-clt', ['completionCz', 'qualityCz', 'shipmentUs', 'supplierCz']],
    ['plant=cz-pls,%20us-clt', ['completionCz', 'qualityCz', 'shipmentUs', 'supplierCz']],
    ['process=production-confirmation', ['completionCz', 'completionDe']],
    ['interface=mes-erp-consumption,qms-erp-quality-result', ['consumptionDe', 'qualityCz']],
    ['class=mapping', ['consumptionDe', 'qualityCz']],
    ['class=posting_rule,duplicate', ['completionCz', 'shipmentUs']],
    ['owner=integration-ops', ['completionDe', 'shipmentUs']],
    ['owner=master-data-stewards,production-controlling', ['completionCz', 'supplierCz']],
    ['state=acknowledged', ['consumptionDe']],
    ['state=open', ['completionCz', 'completionDe', 'qualityCz', 'shipmentUs', 'supplierCz']],
    ['severity=critical', ['completionCz', 'completionDe', 'shipmentUs']],
    ['severity=high,medium,low', ['consumptionDe', 'qualityCz', 'supplierCz']],
    ['plant=de-stu&class=mapping&state=acknowledged', ['consumptionDe']],
    ['plant=mx-qro', []],
  ])('%s', async (query, expected) => {
    expect(await found(query)).toEqual(expected);
  });

  it.each([
    ['production_order:PO-CZ-PLS-000001', ['completionCz']],
    ['PO-CZ-PLS-000001', ['completionCz']],
    ['delivery:DL-CZ-PLS-0004711', ['completionCz']],
    ['DL-CZ-PLS-0004711', ['completionCz']],
    ['warehouse:WH-CZ-PLS', ['completionCz']],
    ['production_order:DL-CZ-PLS-0004711', []],
    ['delivery:DL-US-CLT-0000001', ['shipmentUs']],
    ['PO-CZ-PLS', []],
  ])('finds business key %s, among the message\'s own and related keys', async (key, expected) => {
    expect(await found(`businessKey=${encodeURIComponent(key)}`)).toEqual(expected);
  });

  it('lists an exception with its class, owner, severity, policy and links', async () => {
    const { body } = await getJson<Page>(collector,
      '/v1/exceptions?businessKey=production_order:PO-CZ-PLS-000001');

    expect(body.items[0]).toMatchObject({
      id: id.completionCz, interface: 'mes-erp-completion', plant: 'cz-pls',
      process: 'production-confirmation', class: 'posting_rule', severity: 'critical',
      owner: 'production-controlling', state: 'open', assignee: null,
      businessKey: { type: 'production_order', value: 'PO-CZ-PLS-000001' },
      messageId: 'cz-completion-1', errorCode: 'PERIOD_CLOSED', occurrences: 1,
      slaBreached: false, replayPolicy: { decision: 'needs_approval',
        reason: 'posting-rule rejection: a second person must approve' },
      recommendedAction: 'business validation review before any replay',
    });
    expect(body.items[0]).not.toHaveProperty('payload');
  });

  it.each([
    ['state=opne', 'state', 'opne'],
    ['state=open,closed', 'state', 'closed'],
    ['class=timeout', 'class', 'timeout'],
    ['severity=urgent', 'severity', 'urgent'],
    ['cursor=not-a-cursor', 'cursor', 'not-a-cursor'],
    ['limit=0', 'limit', 0],
    ['limit=501', 'limit', 501],
  ])('refuses %s with 400 SYNCGOV_QUERY_INVALID naming the field', async (query, field, value) => {
    const { status, body } = await getJson(collector, `/v1/exceptions?${query}`);

    expect(status).toBe(400);
    expect(body).toMatchObject({ statusCode: 400, code: 'SYNCGOV_QUERY_INVALID', field, value });
  });

  it('lists the states a state filter accepts', async () => {
    const { body } = await getJson(collector, '/v1/exceptions?state=opne');

    expect(body).toMatchObject({ expected:
      'one of open, acknowledged, awaiting_approval, approved, replaying, resolved' });
  });
});

describe('GET /v1/exceptions: keyset pagination', () => {
  let collector: TestCollector;
  const COUNT = 23;

  beforeAll(async () => {
    collector = await startCollector();
    const events = Array.from({ length: COUNT }, (_, i) => failed({
      interface: 'erp-mes-production-order', plant: 'us-clt', messageId: `page-${i}`,
      eventTime: ago((i % 5) * MINUTE_MS),
      businessKeys: [{ type: 'production_order', value: `PO-US-CLT-${1000 + i}` }],
      error: { code: 'ETIMEDOUT' },
    }));
    await ingest(collector, events);
  });

  afterAll(async () => {
    await collector.close();
  });

  it('walks every exception once, newest first, in pages of the asked size', async () => {
    const pages: Page[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? '' : `&cursor=${cursor}`;
      const { body } = await getJson<Page>(collector, `/v1/exceptions?limit=5${query}`);
      pages.push(body);
      cursor = body.nextCursor;
    } while (cursor !== null && pages.length < 10);

    expect(pages.map((p) => p.items.length)).toEqual([5, 5, 5, 5, 3]);
    expect(pages.map((p) => p.total)).toEqual([23, 23, 23, 23, 23]);
    const items = pages.flatMap((p) => p.items);
    expect(new Set(items.map((e) => e.id)).size).toBe(COUNT);
    const all = await collector.store.listExceptions({}, 100, null);
    expect(items.map((e) => e.id).sort()).toEqual(all.items.map((e) => e.id).sort());
    const times = items.map((e) => Date.parse(e.lastSeenAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('pages a filtered list and counts only what the filter matches', async () => {
    const first = await getJson<Page>(collector,
      '/v1/exceptions?limit=2&businessKey=PO-US-CLT-1003');

    expect(first.body).toMatchObject({ total: 1, nextCursor: null });
    expect(first.body.items).toHaveLength(1);
  });
});

describe('GET /v1/exceptions/:id: detail, timeline, masking, actions and links', () => {
  let collector: TestCollector;
  let target: Server;
  const sent: { key: string | undefined; body: unknown }[] = [];
  const id = {} as Record<FailureName, string>;
  let url: string;

  beforeAll(async () => {
    target = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => { body += chunk.toString(); });
      request.on('end', () => {
        sent.push({ key: request.headers['idempotency-key'] as string, body: JSON.parse(body) });
        response.writeHead(200).end('{}');
      });
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(target.address() as AddressInfo).port}/replay`;
    const catalogPath = catalogWith((doc) => {
      const supplier = interfaceOf(doc, 'procurement-erp-supplier-master');
      supplier.sensitiveFields = ['$.bankAccount'];
      supplier.replay = { http: { method: 'POST', url } };
      interfaceOf(doc, 'mes-erp-completion').replay = { http: { method: 'PUT', url } };
    });
    collector = await startCollector({ catalogPath });
    await ingest(collector, Object.values(FAILURES));
    for (const name of Object.keys(FAILURES) as FailureName[]) {
      id[name] = await exceptionOf(collector, FAILURES[name]);
    }
  });

  afterAll(async () => {
    await collector.close();
    await new Promise((resolve) => target.close(resolve));
  });

  it('merges lifecycle events, replays and audit into one timeline in time order', async () => {
    const keys = [{ type: 'production_order', value: 'PO-MX-QRO-000042' }];
    const base = { interface: 'mes-erp-completion', plant: 'mx-qro', messageId: 'mx-1',
      businessKeys: keys, payload: { productionOrder: 'PO-MX-QRO-000042' } };
    await ingest(collector, [{ ...base, stage: 'received', eventTime: ago(12 * MINUTE_MS) }]);
    await ingest(collector, [failed({ ...base, eventTime: ago(10 * MINUTE_MS),
      error: { code: 'ETIMEDOUT', message: 'the ERP did not answer' } })]);
    const mx = await exceptionOf(collector, failed(base));
    await act(collector, mx, 'acknowledge', 'operator', 'jana');
    const replayed = await act(collector, mx, 'replay', 'operator', 'petr',
      { reason: 'ERP is back' });
    expect(replayed.body.status).toBe('sent');
    await ingest(collector, [{ ...base, stage: 'delivered', eventTime: ago(0) }]);

    const { body } = await getJson<Detail>(collector, `/v1/exceptions/${mx}`);
    expect(body.timeline.map((t) => [t.kind, t.summary, t.actor]))
      .toEqual([
        ['event', 'received', null],
        ['event', 'failed: the ERP did not answer', null],
        ['audit', 'raise', 'syncgov'],
        ['audit', 'acknowledge: open → acknowledged', 'jana'],
        ['replay', `replay 1 to PUT ${url}: verified`, 'petr'],
        ['audit', 'replay: acknowledged → replaying', 'petr'],
        ['event', 'delivered', null],
        ['audit', 'verify: replaying → resolved', 'syncgov'],
      ]);
    const times = body.timeline.map((t) => Date.parse(t.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(body).toMatchObject({ state: 'resolved', resolution: 'replay_verified' });
    expect(body.replays).toMatchObject([{ state: 'verified', idempotencyKey: `syncgov:${mx}:1` }]);
  });

  const allowedOf = async (exception: string, role: string, user = 'someone') => {
    const { body } = await getJson<Detail>(collector, `/v1/exceptions/${exception}`, role, user);
    return Object.fromEntries(body.allowedActions.map((a) => [a.action, a.allowed || a.reason]));
  };

  it('follows policy: a duplicate never replays, master data waits for correction', async () => {
    const duplicate = await allowedOf(id.shipmentUs, 'operator');
    const masterData = await allowedOf(id.supplierCz, 'operator');
    const mapping = await allowedOf(id.qualityCz, 'operator');

    expect(duplicate.replay).toBe('duplicate or conflict: the target already has the document');
    expect(masterData).toMatchObject({ 'mark-corrected': true,
      replay: 'blocked until the source record is marked corrected' });
    expect(mapping.replay).toBe(true);
  });

  it('masks the interface\'s sensitive fields and keeps the stored payload', async () => {
    const { body } = await getJson<Detail>(collector, `/v1/exceptions/${id.supplierCz}`);
    const stored = await collector.store.getMessage('procurement-erp-supplier-master',
      'cz-supplier-1');

    expect(body.payload).toEqual({ supplier: 'SUP-4711', bankAccount: '***' });
    expect(JSON.parse(stored?.payload ?? 'null'))
      .toEqual({ supplier: 'SUP-4711', bankAccount: 'DE89370400440532013000' });
  });

  it('replays the original payload, unmasked, once the record is corrected', async () => {
    await act(collector, id.supplierCz, 'mark-corrected', 'operator', 'eva');
    const { status, body } = await act(collector, id.supplierCz, 'replay', 'operator', 'eva');

    expect(status).toBe(200);
    expect(body.status).toBe('sent');
    expect(sent.at(-1)).toEqual({ key: `syncgov:${id.supplierCz}:1`,
      body: { supplier: 'SUP-4711', bankAccount: 'DE89370400440532013000' } });
    expect((body.exception as Detail).payload)
      .toEqual({ supplier: 'SUP-4711', bankAccount: '***' });
  });

  it('tells a viewer that every action needs a higher role', async () => {
    expect(await allowedOf(id.completionCz, 'viewer')).toEqual({
      acknowledge: 'needs the operator role', assign: 'needs the operator role',
      replay: 'needs the operator role', approve: 'needs the approver role',
      reject: 'needs the approver role', resolve: 'needs the operator role',
      ignore: 'needs the operator role', 'mark-corrected': 'needs the operator role',
    });
  });

  it('tells an operator what an open posting-rule rejection allows', async () => {
    expect(await allowedOf(id.completionCz, 'operator')).toEqual({
      acknowledge: true, assign: true, replay: true, approve: 'needs the approver role',
      reject: 'needs the approver role', resolve: true, ignore: true,
      'mark-corrected': 'only for invalid master data',
    });
  });

  it('keeps the approval of a replay from the person who asked for it', async () => {
    const asked = await act(collector, id.completionCz, 'replay', 'approver', 'olga',
      { reason: 'period reopened by finance' });
    expect(asked.body.status).toBe('awaiting_approval');

    const self = await allowedOf(id.completionCz, 'approver', 'olga');
    const other = await allowedOf(id.completionCz, 'approver', 'pavel');
    const operator = await allowedOf(id.completionCz, 'operator', 'pavel');

    expect(self).toMatchObject({ acknowledge: 'not possible while awaiting_approval',
      replay: 'not possible while awaiting_approval',
      approve: 'you asked for this replay: a second person must approve', reject: true });
    expect(other).toMatchObject({ approve: true, reject: true });
    expect(operator).toMatchObject({ approve: 'needs the approver role' });
  });

  it('gives every exception and business key a stable deep link', async () => {
    const event = failed({ interface: 'erp-wms-replenishment', plant: 'de-stu',
      messageId: 'repl-77', businessKeys: [{ type: 'material_document', value: 'MD 4900/01' }],
      error: { code: 'MAPPING_ERROR' } });
    await ingest(collector, [event]);
    const expectedId = `ex-${createHash('sha256')
      .update('erp-wms-replenishment\nrepl-77').digest('hex').slice(0, 20)}`;

    const first = await getJson<Detail>(collector, `/v1/exceptions/${expectedId}`);
    expect(first.body).toMatchObject({ id: expectedId,
      link: `${APP}/exceptions/${expectedId}`,
      businessKeyLink: `${APP}/exceptions?businessKey=material_document%3AMD%204900%2F01` });

    await act(collector, expectedId, 'ignore', 'operator', 'jana', { reason: 'test message' });
    await ingest(collector, [{ ...event, eventTime: ago(0) }]);
    const again = await getJson<Detail>(collector, `/v1/exceptions/${expectedId}`);
    expect(again.body).toMatchObject({ id: expectedId, link: first.body.link,
      businessKeyLink: first.body.businessKeyLink, state: 'open', occurrences: 2 });

    const search = new URL(first.body.businessKeyLink, 'http://x').searchParams.get('businessKey');
    const listed = await getJson<Page>(collector,
      `/v1/exceptions?businessKey=${encodeURIComponent(search ?? '')}`);
    expect(listed.body.items.map((e) => e.id)).toEqual([expectedId]);
  });

  it('answers 404 SYNCGOV_EXCEPTION_NOT_FOUND to reads and actions of an unknown id', async () => {
    const read = await getJson(collector, '/v1/exceptions/ex-00000000000000000000');
    const acted = await act(collector, 'ex-00000000000000000000', 'acknowledge', 'operator', 'x');

    for (const answer of [read, acted]) {
      expect(answer.status).toBe(404);
      expect(answer.body).toMatchObject({ code: 'SYNCGOV_EXCEPTION_NOT_FOUND', field: 'id',
        value: 'ex-00000000000000000000' });
    }
  });
});

describe('the action Grafana granted', () => {
  it('refuses an action other than the one the proxy route stamped', async () => {
    const collector = await startCollector();
    try {
      const response = await collector.call('/v1/exceptions/ex-any/actions/approve', {
        method: 'POST', role: 'approver', headers: { 'x-syncgov-action': 'replay' },
        body: JSON.stringify({ reason: 'r' }),
      });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ code: 'SYNCGOV_AUTH_ROLE_FORBIDDEN',
        field: 'action', value: 'approve', expected: 'replay' });
    } finally {
      await collector.close();
    }
  });
});
