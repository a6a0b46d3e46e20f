import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hashSecret } from '../../src/access/index.js';
import { createCollector, type Collector } from '../../src/collector.js';
import { defaultConfig } from '../../src/config/defaults.js';
import { startCollector, type TestCollector } from '../support/collector-harness.js';
import {
  FAILURES, ago, catalogWith, exceptionOf, ingest, interfaceOf,
} from './api-fixtures.js';

describe('the action rate limit', () => {
  let collector: TestCollector;
  let exception: string;

  beforeEach(async () => {
    collector = await startCollector({
      configure: (config) => {
        config.access.actionsPerMinute = 3;
      },
    });
    await ingest(collector, [FAILURES.completionCz]);
    exception = await exceptionOf(collector, FAILURES.completionCz);
  });

  afterEach(async () => {
    await collector.close();
  });

  const assign = (role: string) => collector.call(
    `/v1/exceptions/${exception}/actions/assign`,
    { role, method: 'POST', body: JSON.stringify({ assignee: 'erp-support' }) });

  it('answers 429 with Retry-After once a token has used its actions of the minute', async () => {
    const allowed = [await assign('operator'), await assign('operator'), await assign('operator')];
    const refused = await assign('operator');

    expect(allowed.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await refused.json()).toMatchObject({
      statusCode: 429, code: 'SYNCGOV_RATE_LIMITED', field: 'token', value: 'demo-operator',
      expected: 'at most 3 actions per minute',
    });
    expect((await collector.store.auditTrail(exception)).filter((a) => a.action === 'assign'))
      .toHaveLength(3);
  });

  it('counts per token and never limits reads', async () => {
    for (let i = 0; i < 4; i += 1) await assign('operator');

    expect((await assign('approver')).status).toBe(200);
    const reads = await Promise.all(Array.from({ length: 10 }, () =>
      collector.call(`/v1/exceptions/${exception}`, { role: 'operator' })));
    expect(reads.map((r) => r.status)).toEqual(Array(10).fill(200));
  });

  it('never limits ingest', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      const events = [{ ...FAILURES.completionCz, stage: 'received', eventTime: ago(1000),
        messageId: `limit-${i}`, error: undefined }];
      const response = await collector.call('/v1/events',
        { role: 'ingest', method: 'POST', body: JSON.stringify({ events }) });
      statuses.push(response.status);
    }

    expect(statuses).toEqual(Array(10).fill(202));
  });
});

describe('what reaches the log', () => {
  const MARKER = 'MARKER-7f3a9c-payload-secret';
  const BEARER = 'bearer-secret-2b81d04e';
  const TARGET_SECRET = 'target-secret-d41c77';
  let lines: string[];
  let collector: Collector;
  let url: string;
  let dataDir: string;
  let target: Server;
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];

  beforeAll(async () => {
    target = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => { body += chunk.toString(); });
      request.on('end', () => {
        received.push({ headers: request.headers, body });
        response.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    const port = (target.address() as AddressInfo).port;
    process.env.SYNCGOV_TEST_TARGET_SECRET = TARGET_SECRET;

    lines = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    dataDir = mkdtempSync(join(tmpdir(), 'syncgov-logs-'));
    const config = defaultConfig();
    Object.assign(config, { dataDir, catalog: catalogWith((doc) => {
      interfaceOf(doc, 'mes-erp-completion').replay = { http: { method: 'POST',
        url: `http://127.0.0.1:${port}/confirmations`,
        headers: { authorization: 'Bearer ${SYNCGOV_TEST_TARGET_SECRET}' } } };
    }) });
    config.simulator.enabled = false;
    config.server.port = 0;
    config.access.demoTokens = false;
    config.access.tokens.push({ name: 'ops-robot', sha256: hashSecret(BEARER), role: 'admin' });
    collector = await createCollector(config, pino({ level: 'info' }, sink), '0.0.0-test');
    url = await collector.listen();
  });

  afterAll(async () => {
    await collector.close();
    await new Promise((resolve) => target.close(resolve));
    rmSync(dataDir, { recursive: true, force: true });
    delete process.env.SYNCGOV_TEST_TARGET_SECRET;
  });

  const send = (path: string, init: RequestInit = {}, secret = BEARER) => fetch(`${url}${path}`, {
    ...init, headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
  });

  it('holds neither payloads nor bearer secrets nor target secrets', async () => {
    const event = { ...FAILURES.completionDe, payload: { note: MARKER, iban: MARKER } };
    const bad = { ...event, messageId: 'bad-1', stage: 'lost', payload: { note: MARKER } };
    expect((await send('/v1/events', { method: 'POST',
      body: JSON.stringify({ events: [event, bad] }) })).status).toBe(202);
    expect((await send('/v1/events', { method: 'POST',
      body: `{"events": [${MARKER}` })).status).toBe(400);
    expect((await send('/v1/exceptions', {}, `${MARKER}-as-token`)).status).toBe(401);
    expect((await send('/v1/exceptions', {}, MARKER.slice(0, 10))).status).toBe(401);

    const page = await (await send('/v1/exceptions')).json() as { items: { id: string }[] };
    const id = page.items[0]?.id as string;
    expect((await send(`/v1/exceptions/${id}`)).status).toBe(200);
    const replay = await send(`/v1/exceptions/${id}/actions/replay`,
      { method: 'POST', body: JSON.stringify({ reason: `retry ${MARKER}` }) });
    expect(replay.status).toBe(200);

    expect(received).toHaveLength(1);
    expect(JSON.parse(received[0]?.body ?? '')).toEqual({ note: MARKER, iban: MARKER });
    expect(received[0]?.headers.authorization).toBe(`Bearer ${TARGET_SECRET}`);
    const messages = lines.map((l) => (JSON.parse(l) as { msg: string }).msg);
    expect(messages).toContain('request refused');
    expect(messages).toContain('replay settled');
    const log = lines.join('');
    expect(log).not.toContain(MARKER);
    expect(log).not.toContain(MARKER.slice(0, 10));
    expect(log).not.toContain(BEARER);
    expect(log).not.toContain(hashSecret(BEARER));
    expect(log).not.toContain(TARGET_SECRET);
  });
});
