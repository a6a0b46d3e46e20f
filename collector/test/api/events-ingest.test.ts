import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lifecycleEvent } from '../support/events.js';
import { sample, startCollector, type TestCollector } from '../support/collector-harness.js';

const FLOW = 'interface="mes-erp-completion",plant="cz-pls",process="production-confirmation"';

describe('POST /v1/events', () => {
  let collector: TestCollector;

  beforeEach(async () => {
    collector = await startCollector({
      configure: (config) => {
        config.server.bodyLimitBytes = 64 * 1024;
        config.ingest.maxBatchEvents = 50;
      },
    });
  });

  afterEach(async () => {
    await collector.close();
  });

  async function post(body: unknown, contentType = 'application/json') {
    const response = await collector.call('/v1/events', {
      role: 'ingest',
      method: 'POST',
      headers: { 'content-type': contentType },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() as Record<string, unknown> };
  }

  async function metrics(): Promise<string> {
    return (await fetch(`${collector.url}/metrics`)).text();
  }

  it('accepts a message lifecycle and counts it under catalog labels', async () => {
    const events = [
      lifecycleEvent({ stage: 'received', sourceTime: '2026-12-03T09:59:30.000Z' }),
      lifecycleEvent({ stage: 'sent', eventTime: '2026-12-03T10:00:10.000Z' }),
      lifecycleEvent({ stage: 'delivered', eventTime: '2026-12-03T10:00:20.000Z',
        traceId: '0af7651916cd43dd8448eb211c80319c' }),
    ];
    const { status, body } = await post({ events });

    expect(status).toBe(202);
    expect(body).toEqual({
      accepted: 3, duplicates: 0, rejected: 0,
      results: [0, 1, 2].map((index) => ({ index, status: 'accepted', messageId: 'msg-1' })),
    });
    const text = await metrics();
    expect(sample(text, `syncgov_messages_total{${FLOW},outcome="delivered"}`)).toBe(1);
    expect(sample(text, `syncgov_lifecycle_events_total{${FLOW},stage="sent"}`)).toBe(1);
    expect(sample(text, `syncgov_message_latency_seconds_sum{${FLOW}}`)).toBe(50);
    expect(sample(text, `syncgov_message_latency_seconds_bucket{le="30",${FLOW}}`)).toBe(0);
    expect(sample(text, `syncgov_message_latency_seconds_bucket{le="60",${FLOW}}`)).toBe(1);
    expect(sample(text, `syncgov_last_success_timestamp_seconds{${FLOW}}`))
      .toBe(Date.parse('2026-12-03T10:00:20.000Z') / 1000);
    expect(sample(text, 'syncgov_ingest_events_accepted_total')).toBe(3);
  });

  it('reports each bad item with its field and value and keeps the good ones', async () => {
    const events = [
      lifecycleEvent({ messageId: 'good' }),
      { ...lifecycleEvent({ messageId: 'bad' }), stage: 'lost', eventTime: 'yesterday' },
    ];
    const { status, body } = await post({ events });

    expect(status).toBe(202);
    expect(body.accepted).toBe(1);
    expect(body.rejected).toBe(1);
    expect((body.results as unknown[])[1]).toEqual({
      index: 1,
      status: 'rejected',
      messageId: 'bad',
      errors: [
        {
          code: 'SYNCGOV_EVENT_INVALID',
          message: 'events[1].stage: expected one of received, transformed, sent, delivered, failed, retried, replayed',
          field: '/events/1/stage',
          value: 'lost',
          expected: 'one of received, transformed, sent, delivered, failed, retried, replayed',
          hint: 'correct the field named in `field` and send this event again',
        },
        {
          code: 'SYNCGOV_EVENT_INVALID',
          message: 'events[1].eventTime: expected a valid date-time',
          field: '/events/1/eventTime',
          value: 'yesterday',
          expected: 'a valid date-time',
          hint: 'correct the field named in `field` and send this event again',
        },
      ],
    });
    const text = await metrics();
    expect(sample(text, 'syncgov_ingest_events_rejected_total{code="SYNCGOV_EVENT_INVALID"}'))
      .toBe(1);
  });

  it('answers 400 when no item of the batch is good', async () => {
    const { status, body } = await post({ events: [{ interface: 'mes-erp-completion' }] });

    expect(status).toBe(400);
    expect(body).toMatchObject({
      statusCode: 400, code: 'SYNCGOV_EVENT_INVALID', error: 'Bad Request',
      message: 'all 1 events of the batch were rejected', accepted: 0, rejected: 1,
    });
    const errors = (body.results as { errors: { field: string }[] }[])[0]?.errors ?? [];
    expect(errors.map((e) => e.field)).toEqual([
      '/events/0/plant', '/events/0/messageId', '/events/0/stage', '/events/0/eventTime',
      '/events/0/businessKeys',
    ]);
  });

  it('acknowledges a repeated event once without counting it again', async () => {
    const events = [lifecycleEvent({ stage: 'delivered' })];
    await post({ events });
    const { status, body } = await post({ events });

    expect(status).toBe(202);
    expect(body).toEqual({ accepted: 0, duplicates: 1, rejected: 0,
      results: [{ index: 0, status: 'duplicate', messageId: 'msg-1' }] });
    const text = await metrics();
    expect(sample(text, `syncgov_messages_total{${FLOW},outcome="delivered"}`)).toBe(1);
    expect(sample(text, 'syncgov_ingest_events_duplicate_total')).toBe(1);
  });

  it('counts an unknown interface and plant under _unknown and says so', async () => {
    const events = [lifecycleEvent({ interface: 'no-such-flow', plant: 'xx-nowhere' })];
    const { status, body } = await post({ events });

    expect(status).toBe(202);
    expect((body.results as unknown[])[0]).toEqual({
      index: 0, status: 'accepted', messageId: 'msg-1',
      warnings: [
        { code: 'SYNCGOV_EVENT_UNKNOWN_INTERFACE', message: 'interface "no-such-flow" is not in the catalog',
          field: '/events/0/interface', value: 'no-such-flow',
          hint: 'add the interface to the catalog or correct the id; the event is kept and counted as _unknown' },
        { code: 'SYNCGOV_EVENT_UNKNOWN_PLANT', message: 'plant "xx-nowhere" is not in the catalog',
          field: '/events/0/plant', value: 'xx-nowhere',
          hint: 'add the plant to the catalog or correct the id; the event is kept and counted as _unknown' },
      ],
    });
    const text = await metrics();
    expect(sample(text,
      'syncgov_lifecycle_events_total{interface="_unknown",plant="_unknown",process="_unknown",stage="received"}'))
      .toBe(1);
    expect(sample(text, 'syncgov_label_values_refused_total{label="interface"}')).toBe(1);
    expect(sample(text, 'syncgov_label_values_refused_total{label="plant"}')).toBe(1);
    expect(text).not.toContain('no-such-flow');
    expect(await collector.store.getMessage('no-such-flow', 'msg-1')).toBeDefined();
  });

  it('stores a failed message with its payload and opens an exception', async () => {
    const payload = { productionOrder: 'PO-CZ-PLS-000001', confirmedQuantity: 120 };
    const events = [lifecycleEvent({
      stage: 'failed', quantity: 120, value: 5040, payload,
      error: { code: 'PERIOD_CLOSED', message: 'Posting period 11/2026 is closed' },
    })];
    const { status } = await post({ events });

    expect(status).toBe(202);
    const stored = await collector.store.getMessage('mes-erp-completion', 'msg-1');
    expect(stored?.state).toBe('failed');
    expect(JSON.parse(stored?.payload ?? 'null')).toEqual(payload);
    const text = await metrics();
    expect(sample(text, 'syncgov_exceptions_open{plant="cz-pls",process="production-confirmation",'
      + 'class="posting_rule",severity="critical",owner="production-controlling",state="open"}'))
      .toBe(1);
    expect(sample(text,
      'syncgov_business_exposure_value{plant="cz-pls",process="production-confirmation",state="failed"}'))
      .toBe(5040);
  });

  it('refuses a body over the limit with 413 and keeps nothing of it', async () => {
    const big = 'x'.repeat(70 * 1024);
    const { status, body } = await post({ events: [lifecycleEvent({ payload: big })] });

    expect(status).toBe(413);
    expect(body).toMatchObject({ statusCode: 413, code: 'SYNCGOV_BODY_TOO_LARGE',
      hint: 'split the batch into smaller ones or raise ingest.bodyLimitBytes' });
    expect(await collector.store.getMessage('mes-erp-completion', 'msg-1')).toBeUndefined();
  });

  it('refuses a batch with more events than allowed', async () => {
    const events = Array.from({ length: 51 }, (_, i) => lifecycleEvent({ messageId: `m${i}` }));
    const { status, body } = await post({ events });

    expect(status).toBe(413);
    expect(body).toEqual({
      statusCode: 413, code: 'SYNCGOV_BATCH_TOO_LARGE', error: 'Payload Too Large',
      message: 'the batch holds 51 events; at most 50 are accepted',
      field: '/events', value: 51, expected: 'at most 50',
      hint: 'send at most ingest.maxBatchEvents events per request',
    });
  });

  it('explains a malformed body, a wrong envelope and a wrong media type', async () => {
    const syntax = await post('{"events": [');
    expect(syntax.status).toBe(400);
    expect(syntax.body.code).toBe('SYNCGOV_BODY_INVALID');

    const envelope = await post({ event: [] });
    expect(envelope.status).toBe(400);
    expect(envelope.body).toMatchObject({ code: 'SYNCGOV_BODY_INVALID', field: 'body/events' });

    const media = await post('stage=received', 'application/x-www-form-urlencoded');
    expect(media.status).toBe(415);
    expect(media.body.code).toBe('SYNCGOV_MEDIA_TYPE_UNSUPPORTED');
  });

  it('answers an unknown route with a catalogued 404', async () => {
    const response = await collector.call('/v1/nothing');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      statusCode: 404, code: 'SYNCGOV_ROUTE_NOT_FOUND', error: 'Not Found',
      message: 'no route GET /v1/nothing', hint: 'check the method and path against /openapi.json',
    });
  });
});

describe('latency exemplars', () => {
  it('counts deliveries with and without a trace id alike', async () => {
    const collector = await startCollector();
    try {
      const events = [
        lifecycleEvent({ messageId: 'a', stage: 'delivered' }),
        lifecycleEvent({ messageId: 'b', stage: 'delivered', traceId: '0af7651916cd43dd8448eb211c80319c' }),
      ];
      const response = await collector.call('/v1/events', { role: 'ingest', method: 'POST',
        body: JSON.stringify({ events }) });
      expect(response.status).toBe(202);
      const text = await (await fetch(`${collector.url}/metrics`)).text();
      expect(sample(text, `syncgov_message_latency_seconds_count{${FLOW}}`)).toBe(2);
    } finally {
      await collector.close();
    }
  });
});
