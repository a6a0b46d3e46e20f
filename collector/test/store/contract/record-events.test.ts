import { describe, expect, it } from 'vitest';
import { backends, useStore } from './backends.js';
import {
  audit, event, failure, idOf, ITF, key, MINUTE, PLANT, PROCESS, sorted, T0,
} from './fixtures.js';

const labels = { interface: ITF, plant: PLANT, process: PROCESS };

describe.each(backends())('the $name store records lifecycle events', (backend) => {
  const opened = useStore(backend);

  it('stores a first event as a message in flight, with everything it carried', async () => {
    const { store } = opened();
    const outcomes = await store.recordEvents([event({
      quantity: 40, value: 1200.5, unit: 'PCE', currency: 'EUR', payload: '{"qty":40}',
      correlationId: 'corr-1', traceId: 'a'.repeat(32), relatedKeys: [key('DL-1', 'delivery')],
    })]);

    expect(outcomes).toEqual([
      { duplicate: false, previousState: null, state: 'in_flight', startedAt: T0,
        traceId: 'a'.repeat(32) },
    ]);
    expect(await store.getMessage(ITF, 'msg-1')).toEqual({
      interfaceId: ITF, messageId: 'msg-1', plantId: PLANT, labels, state: 'in_flight',
      lastStage: 'received', startedAt: T0, lastEventAt: T0, finishedAt: null,
      businessKey: key('PO-1'), relatedKeys: [key('DL-1', 'delivery')], correlationId: 'corr-1',
      quantity: 40, value: 1200.5, payload: '{"qty":40}', payloadRef: null,
      traceId: 'a'.repeat(32),
    });
    expect(await store.getMessage(ITF, 'msg-2')).toBeUndefined();
  });

  it('starts a message at its source time and keeps the start of its first event', async () => {
    const { store } = opened();
    await store.recordEvents([event({ sourceTime: T0 - 5 * MINUTE })]);
    const [later] = await store.recordEvents([
      event({ stage: 'sent', eventTime: T0 + MINUTE, sourceTime: T0 }),
    ]);

    expect(later?.startedAt).toBe(T0 - 5 * MINUTE);
    expect((await store.getMessage(ITF, 'msg-1'))?.startedAt).toBe(T0 - 5 * MINUTE);
  });

  it('moves a message through its stages in order and finishes it on delivery', async () => {
    const { store } = opened();
    const outcomes = await store.recordEvents([
      event({ stage: 'received', eventTime: T0 }),
      event({ stage: 'sent', eventTime: T0 + MINUTE }),
      event({ stage: 'delivered', eventTime: T0 + 2 * MINUTE }),
    ]);

    expect(outcomes.map((o) => [o.previousState, o.state])).toEqual([
      [null, 'in_flight'], ['in_flight', 'in_flight'], ['in_flight', 'delivered'],
    ]);
    expect(await store.getMessage(ITF, 'msg-1')).toMatchObject({
      state: 'delivered', lastStage: 'delivered', lastEventAt: T0 + 2 * MINUTE,
      finishedAt: T0 + 2 * MINUTE, startedAt: T0,
    });
    expect((await store.messageHistory(ITF, 'msg-1')).map((e) => e.stage))
      .toEqual(['received', 'sent', 'delivered']);
  });

  it('lets a late, older event add to the history without changing the state', async () => {
    const { store } = opened();
    await store.recordEvents([event({ stage: 'failed', eventTime: T0 + 5 * MINUTE })]);
    const [late] = await store.recordEvents([event({ stage: 'sent', eventTime: T0 + MINUTE })]);

    expect(late).toEqual({ duplicate: false, previousState: 'failed', state: 'failed',
      startedAt: T0 + 5 * MINUTE, traceId: null });
    expect(await store.getMessage(ITF, 'msg-1')).toMatchObject({
      state: 'failed', lastStage: 'failed', lastEventAt: T0 + 5 * MINUTE, finishedAt: null,
    });
    expect((await store.messageHistory(ITF, 'msg-1')).map((e) => [e.stage, e.eventTime]))
      .toEqual([['sent', T0 + MINUTE], ['failed', T0 + 5 * MINUTE]]);
  });

  it('lets a delivery win even when it is older than the failure before it', async () => {
    const { store } = opened();
    await store.recordEvents([failure({ eventTime: T0 + 5 * MINUTE })]);
    const [delivered] = await store.recordEvents([
      event({ stage: 'delivered', eventTime: T0 + MINUTE, receivedAt: T0 + 6 * MINUTE }),
    ]);

    expect(delivered).toEqual({ duplicate: false, previousState: 'failed', state: 'delivered',
      startedAt: T0 + 5 * MINUTE, traceId: null });
    expect(await store.getMessage(ITF, 'msg-1')).toMatchObject({
      state: 'delivered', lastStage: 'failed', lastEventAt: T0 + 5 * MINUTE,
      finishedAt: T0 + MINUTE,
    });
    expect(await store.getException(idOf('msg-1'))).toMatchObject({
      state: 'resolved', resolution: 'delivered', resolvedAt: T0 + 6 * MINUTE,
    });
  });

  it('reports the trace id an earlier event of the message carried', async () => {
    const { store } = opened();
    await store.recordEvents([event({ traceId: 'b'.repeat(32) })]);
    const [delivered] = await store.recordEvents([
      event({ stage: 'delivered', eventTime: T0 + MINUTE }),
    ]);

    expect(delivered).toMatchObject({ state: 'delivered', traceId: 'b'.repeat(32) });
  });

  it('fails a delivered message again when a newer failure follows', async () => {
    const { store } = opened();
    await store.recordEvents([event({ stage: 'delivered', eventTime: T0 + MINUTE })]);
    const [failed] = await store.recordEvents([failure({ eventTime: T0 + 2 * MINUTE })]);

    expect(failed).toMatchObject({ previousState: 'delivered', state: 'failed' });
    expect(await store.getMessage(ITF, 'msg-1'))
      .toMatchObject({ state: 'failed', lastStage: 'failed', finishedAt: null });
  });

  it('acknowledges a duplicate without any effect, in a later batch or the same one', async () => {
    const { store } = opened();
    await store.recordEvents([failure({ eventTime: T0 })]);
    await store.recordEvents([event({ stage: 'delivered', eventTime: T0 + MINUTE })]);
    const outcomes = await store.recordEvents([
      failure({ eventTime: T0, receivedAt: T0 + 9 * MINUTE }),
      event({ stage: 'sent', eventTime: T0 + 30_000 }),
      event({ stage: 'sent', eventTime: T0 + 30_000 }),
    ]);

    expect(outcomes).toEqual([
      { duplicate: true, previousState: 'delivered', state: 'delivered', startedAt: T0,
        traceId: null },
      { duplicate: false, previousState: 'delivered', state: 'delivered', startedAt: T0,
        traceId: null },
      { duplicate: true, previousState: 'delivered', state: 'delivered', startedAt: T0,
        traceId: null },
    ]);
    expect(await store.messageHistory(ITF, 'msg-1')).toHaveLength(3);
    expect(await store.getException(idOf('msg-1')))
      .toMatchObject({ state: 'resolved', occurrences: 1 });
    expect((await store.auditTrail(idOf('msg-1'))).map((a) => a.action))
      .toEqual(['raise', 'resolve']);
  });

  it('keeps what later events leave out and takes what they bring', async () => {
    const { store } = opened();
    await store.recordEvents([event({ payload: '{"a":1}', quantity: 10, correlationId: 'c-1',
      relatedKeys: [key('DL-1', 'delivery')] })]);
    await store.recordEvents([event({ stage: 'sent', eventTime: T0 + MINUTE })]);
    expect(await store.getMessage(ITF, 'msg-1')).toMatchObject({ payload: '{"a":1}',
      quantity: 10, correlationId: 'c-1', relatedKeys: [key('DL-1', 'delivery')] });

    await store.recordEvents([event({ stage: 'delivered', eventTime: T0 + 2 * MINUTE,
      quantity: 12, relatedKeys: [key('DL-2', 'delivery')] })]);
    expect(await store.getMessage(ITF, 'msg-1')).toMatchObject({ payload: '{"a":1}',
      quantity: 12, correlationId: 'c-1', relatedKeys: [key('DL-2', 'delivery')] });
  });

  it('keeps the error of each event in the history', async () => {
    const { store } = opened();
    await store.recordEvents([failure({ eventTime: T0, receivedAt: T0 + 100 })]);

    expect(await store.messageHistory(ITF, 'msg-1')).toEqual([{
      stage: 'failed', eventTime: T0, receivedAt: T0 + 100, errorCode: 'MAP-17',
      errorMessage: 'unit PCE cannot be mapped', errorCategory: null, httpStatus: 422,
    }]);
    expect(await store.messageHistory(ITF, 'msg-unknown')).toEqual([]);
  });

  it('counts messages in flight and the oldest start, per flow', async () => {
    const { store } = opened();
    const fra = { labels: { ...labels, plant: 'de-fra' }, plantId: 'de-fra' };
    await store.recordEvents([
      event({ messageId: 'm1', eventTime: T0 + MINUTE }),
      event({ messageId: 'm2', eventTime: T0 }),
      event({ messageId: 'm3', eventTime: T0 + 2 * MINUTE, ...fra }),
      event({ messageId: 'm4' }), event({ messageId: 'm4', stage: 'delivered' }),
      failure({ messageId: 'm5' }),
    ]);

    expect(sorted(await store.flowGauges())).toEqual([
      { ...labels, inFlight: 2, oldestStartedAt: T0 },
      { ...labels, plant: 'de-fra', inFlight: 1, oldestStartedAt: T0 + 2 * MINUTE },
    ]);
  });

  it('keeps the newest success per flow, moved only by a message first delivered', async () => {
    const { store } = opened();
    expect(await store.lastSuccesses()).toEqual([]);
    await store.recordEvents([
      event({ messageId: 'm1', stage: 'delivered', eventTime: T0 + 3 * MINUTE }),
      event({ messageId: 'm2', stage: 'delivered', eventTime: T0 + MINUTE }),
    ]);
    await store.recordEvents([
      event({ messageId: 'm2', stage: 'delivered', eventTime: T0 + 9 * MINUTE }),
    ]);

    expect(await store.lastSuccesses()).toEqual([{ ...labels, lastSuccessAt: T0 + 3 * MINUTE }]);
  });

  it('sums the quantity and value in flight, and failed while its exception is unresolved',
    async () => {
      const { store } = opened();
      const other = (value: string) => ({ businessKey: key(value), businessKeys: [key(value)] });
      await store.recordEvents([
        event({ messageId: 'm1', quantity: 10, value: 100 }),
        event({ messageId: 'm2', quantity: 5 }),
        failure({ messageId: 'm3', quantity: 3, value: 30.25 }),
        failure({ messageId: 'm4', quantity: 7, value: 70, ...other('PO-4') }),
        failure({ messageId: 'm5', quantity: 4, value: 40, ...other('PO-5') },
          { class: 'unknown' }),
        event({ messageId: 'm6', quantity: 99, value: 990, ...other('PO-6') }),
        event({ messageId: 'm6', stage: 'delivered', eventTime: T0 + MINUTE, ...other('PO-6') }),
        event({ messageId: 'm7', plantId: 'de-fra', labels: { ...labels, plant: 'de-fra' } }),
      ]);
      await store.applyChange({ exceptionId: idOf('m4'), from: ['open'], to: 'resolved',
        set: { resolution: 'ignored', resolvedAt: T0 + MINUTE }, audit: audit() });

      expect(sorted(await store.exposure())).toEqual(sorted([
        { plant: PLANT, process: PROCESS, state: 'failed', quantity: 7, value: 70.25 },
        { plant: PLANT, process: PROCESS, state: 'in_flight', quantity: 15, value: 100 },
        { plant: 'de-fra', process: PROCESS, state: 'in_flight', quantity: 0, value: 0 },
      ]));
    });

  it('prunes delivered messages finished before the cut-off that raised no exception', async () => {
    const { store } = opened();
    const delivered = (messageId: string, at: number, value: string) => [
      event({ messageId, eventTime: at - MINUTE, businessKey: key(value),
        businessKeys: [key(value)] }),
      event({ messageId, stage: 'delivered', eventTime: at, businessKey: key(value),
        businessKeys: [key(value)] }),
    ];
    await store.recordEvents([
      ...delivered('old', T0, 'PO-OLD'),
      ...delivered('edge', T0 + 5 * MINUTE, 'PO-EDGE'),
      ...delivered('new', T0 + 10 * MINUTE, 'PO-NEW'),
      event({ messageId: 'open', eventTime: T0 - 60 * MINUTE }),
      failure({ messageId: 'healed', eventTime: T0 - 2 * MINUTE }),
      event({ messageId: 'healed', stage: 'delivered', eventTime: T0 - MINUTE }),
    ]);
    expect(await store.prerequisiteDelivered([ITF], key('PO-OLD'))).toBe(true);

    expect(await store.pruneFinished(T0 + 5 * MINUTE)).toBe(1);

    expect(await store.getMessage(ITF, 'old')).toBeUndefined();
    expect(await store.messageHistory(ITF, 'old')).toEqual([]);
    expect(await store.prerequisiteDelivered([ITF], key('PO-OLD'))).toBe(false);
    for (const kept of ['edge', 'new', 'open', 'healed']) {
      expect((await store.getMessage(ITF, kept))?.messageId).toBe(kept);
    }
    expect(await store.pruneFinished(T0 + 5 * MINUTE)).toBe(0);
  });

  it('answers a ping and migrates again without losing anything', async () => {
    const { store } = opened();
    await store.recordEvents([event()]);

    await expect(store.ping()).resolves.toBeUndefined();
    await expect(store.migrate()).resolves.toBeUndefined();
    expect((await store.getMessage(ITF, 'msg-1'))?.state).toBe('in_flight');
  });
});
