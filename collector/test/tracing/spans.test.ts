import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageTraceId } from '../../src/tracing/trace-ids.js';
import { deliveredEvent, failedEvent, idOf, startReplayScene, type ReplayScene }
  from '../support/exception-events.js';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../support/otlp-receiver.js';

const MIDDLEWARE_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const MIDDLEWARE_SPAN = '00f067aa0ba902b7';
const SPAN_KIND_INTERNAL = 1;
const SPAN_KIND_PRODUCER = 4;
const STATUS_ERROR = 2;

describe('business-correlated spans over OTLP', () => {
  let receiver: OtlpReceiver;
  let scene: ReplayScene;
  const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    scene = await startReplayScene({ configure: (config) => {
      config.tracing.otlpEndpoint = `${receiver.url}/`;
    } });
    await scene.ingest([
      { ...deliveredEvent({ messageId: 'm-traced', key: 'PO-7', agoMs: 90_000 }),
        stage: 'received', sourceTime: ago(100_000), traceId: MIDDLEWARE_TRACE,
        spanId: 'aaaaaaaaaaaaaaaa' },
      { ...deliveredEvent({ messageId: 'm-traced', key: 'PO-7', agoMs: 40_000 }),
        spanId: MIDDLEWARE_SPAN },
      { ...failedEvent('mapping', { messageId: 'm-failed', key: 'PO-8' }),
        relatedKeys: [{ type: 'warehouse', value: 'WH-CZ-PLS' },
          { type: 'delivery', value: 'DL-1' }, { type: 'delivery', value: 'DL-2' }],
        quantity: 120, unit: 'PC', value: 5040, currency: 'EUR' },
      { ...deliveredEvent({ messageId: 'm-plain', key: 'PO-9', agoMs: 20_000 }),
        spanId: 'bbbbbbbbbbbbbbbb' },
    ]);
    await scene.collector.tracing.flush();
  });

  afterAll(async () => {
    await scene?.close();
    await receiver?.close();
  });

  const spanOf = (id: string): ReceivedSpan | undefined =>
    receiver.spans.find((s) => s.attributes['messaging.message.id'] === id
      && s.name.startsWith('message '));

  it('continues the middleware trace of a delivered message, from source time to delivery', () => {
    const span = spanOf('m-traced')!;

    expect(receiver.paths).toContain('/v1/traces');
    expect(span).toMatchObject({
      traceId: MIDDLEWARE_TRACE, parentSpanId: MIDDLEWARE_SPAN, name: 'message mes-erp-completion',
      kind: SPAN_KIND_INTERNAL, status: {},
      resource: { 'service.name': 'syncgov-collector', 'service.version': '0.0.0-test' },
    });
    expect(span.endMs - span.startMs).toBe(60_000);
    expect(span.attributes).toMatchObject({
      'syncgov.interface': 'mes-erp-completion', 'syncgov.plant': 'cz-pls',
      'syncgov.process': 'production-confirmation', 'syncgov.outcome': 'delivered',
      'syncgov.business_key': 'production_order:PO-7',
      'syncgov.business_key.production_order': 'PO-7',
    });
    expect(span.events.map((e) => e.name)).toEqual(['delivered']);
  });

  it('gives a message sent without trace context its derived trace, with keys and exposure', () => {
    const span = spanOf('m-failed')!;

    expect(span).toMatchObject({
      traceId: messageTraceId('mes-erp-completion', 'm-failed'), parentSpanId: '',
      status: { code: STATUS_ERROR, message: 'MAPPING_ERROR' },
    });
    expect(span.attributes).toMatchObject({
      'syncgov.outcome': 'failed', 'error.type': 'MAPPING_ERROR',
      'syncgov.exception.class': 'mapping', 'syncgov.exception.owner': 'integration-team',
      'syncgov.related_key.warehouse': 'WH-CZ-PLS',
      'syncgov.related_key.delivery': ['DL-1', 'DL-2'],
      'syncgov.quantity': 120, 'syncgov.value': 5040, 'syncgov.currency': 'EUR',
    });
    expect(Object.keys(span.attributes)).not.toContain('syncgov.source_time');
  });

  it('hangs no span under a middleware span of a trace middleware never sent', () => {
    expect(spanOf('m-plain')).toMatchObject({
      traceId: messageTraceId('mes-erp-completion', 'm-plain'), parentSpanId: '',
    });
  });

  it('records no span for a message still in flight', () => {
    expect(receiver.spans.filter((s) => s.name.startsWith('message '))).toHaveLength(3);
  });

  it('links each latency exemplar to the trace of its message', async () => {
    const text = await (await fetch(`${scene.collector.url}/metrics`, {
      headers: { accept: 'application/openmetrics-text; version=1.0.0' },
    })).text();
    const exemplars = new Set([...text.matchAll(/# \{trace_id="([0-9a-f]{32})"\}/g)]
      .map((m) => m[1]));

    expect(exemplars).toEqual(new Set([MIDDLEWARE_TRACE,
      messageTraceId('mes-erp-completion', 'm-plain')]));
  });

  it('shows the trace id on the exception', async () => {
    const response = await scene.collector.call(`/v1/exceptions/${idOf('m-failed')}`);

    expect((await response.json() as { traceId: string }).traceId)
      .toBe(messageTraceId('mes-erp-completion', 'm-failed'));
  });

  it('traces a replay in the trace of its message and hands the target its context', async () => {
    const id = idOf('m-failed');
    const answer = await scene.act(id, 'replay', { user: 'jana', body: { reason: 'mapping fixed' } });
    expect(answer.body.status).toBe('sent');
    await scene.collector.tracing.flush();

    const replay = receiver.spans.find((s) => s.name === 'replay mes-erp-completion')!;
    expect(replay).toMatchObject({
      traceId: messageTraceId('mes-erp-completion', 'm-failed'), kind: SPAN_KIND_PRODUCER,
      status: {},
    });
    expect(replay.attributes).toMatchObject({
      'syncgov.exception.id': id, 'syncgov.replay.attempt': 1,
      'syncgov.replay.idempotency_key': `syncgov:${id}:1`, 'syncgov.replay.result': 'sent',
      'http.response.status_code': 200, 'syncgov.business_key': 'production_order:PO-8',
    });
    expect(scene.target.received[0]?.headers.traceparent)
      .toBe(`00-${replay.traceId}-${replay.spanId}-01`);
  });
});
