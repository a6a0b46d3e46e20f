import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { httpReplay } from '../support/catalog-fixture.js';
import {
  deliveredEvent, failedEvent, idOf, startReplayScene, type ActAnswer, type ReplayScene,
} from '../support/exception-events.js';

describe('replay of one exception', () => {
  let scene: ReplayScene;

  afterEach(async () => {
    await scene.close();
  });

  const stored = async (id: string) => (await scene.collector.store.getException(id))!;
  const ledger = (id: string) => scene.collector.store.replaysOf(id);

  async function raise(messageId: string, payload?: unknown) {
    await scene.ingest([failedEvent('mapping', { messageId, key: 'PO-42', payload })]);
    return idOf(messageId);
  }

  it('delivers once when 100 operators click at the same moment', async () => {
    scene = await startReplayScene();
    const payload = { order: 'PO-42', confirmed: 120, unit: 'PC', lines: [{ op: '0010' }] };
    const id = await raise('m-race', payload);
    scene.target.mode = { kind: 'slow', delayMs: 50 };
    const requestIdOf = (i: number) => (i % 4 === 0 ? null : `click-${i % 3}`);

    const answers = await Promise.all(Array.from({ length: 100 }, async (_, i) => {
      const requestId = requestIdOf(i);
      const answer = await scene.act(id, 'replay', { user: `operator-${i}`,
        body: { reason: 'mapping fixed', ...(requestId === null ? {} : { requestId }) } });
      return { ...answer, requestId };
    }));

    const sent = answers.filter((a) => a.status === 200 && a.body.status === 'sent');
    expect(sent).toHaveLength(1);
    const winner = sent[0]!;
    const key = `syncgov:${id}:1`;
    expect(winner.body.replay).toMatchObject({ attempt: 1, idempotencyKey: key });
    for (const other of answers.filter((a) => a !== winner)) {
      if (other.status === 200) {
        expect(other.requestId).not.toBeNull();
        expect(other.requestId).toBe(winner.requestId);
        expect(other.body).toMatchObject({ status: 'already_requested',
          replay: { id: winner.body.replay.id, idempotencyKey: key } });
      } else {
        expect(other.status).toBe(409);
        expect(other.body.code).toBe('SYNCGOV_REPLAY_IN_PROGRESS');
      }
    }
    expect(scene.target.received).toHaveLength(1);
    expect(scene.target.received[0]).toMatchObject({ method: 'POST', path: '/replay',
      idempotencyKey: key, exceptionId: id, businessKey: 'production_order:PO-42' });
    expect(JSON.parse(scene.target.received[0]!.body)).toEqual(payload);
    expect(scene.target.received[0]!.headers).not.toHaveProperty('traceparent');
    expect(await ledger(id)).toEqual([expect.objectContaining({ idempotencyKey: key,
      state: 'sent', responseStatus: 200 })]);
    expect(await stored(id)).toMatchObject({ state: 'replaying', replayCount: 1 });
    const replayLines = (await scene.collector.store.auditTrail(id))
      .filter((a) => a.action === 'replay');
    expect(replayLines).toHaveLength(1);
  });

  it('lets one of 100 requests that all read the exception as open win the guarded change', async () => {
    scene = await startReplayScene();
    const id = await raise('m-race-engine');
    const { replay } = scene.collector;

    // Started in one tick, every request reads `open` before any of them
    // writes: only the store's conditional change can keep them apart.
    const outcomes = await Promise.allSettled(Array.from({ length: 100 }, (_, i) =>
      replay.request(id, { actor: `op-${i}`, tokenName: 'demo-operator' },
        { reason: 'race', requestId: null, jobId: null })));

    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.filter((o) => o.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost.map((o) => (o.reason as { code: string }).code))
      .toEqual(Array(99).fill('SYNCGOV_REPLAY_IN_PROGRESS'));
    expect(scene.target.received.map((r) => r.idempotencyKey)).toEqual([`syncgov:${id}:1`]);
    expect(await ledger(id)).toHaveLength(1);
  });

  it('answers a repeated click with the first answer, sending nothing more', async () => {
    scene = await startReplayScene();
    const id = await raise('m-refresh');

    const first = await scene.act(id, 'replay', { body: { reason: 'fixed', requestId: 'tab-1' } });
    const refreshed = await scene.act(id, 'replay', { body: { reason: 'fixed', requestId: 'tab-1' } });
    const otherTab = await scene.act(id, 'replay', { body: { reason: 'fixed', requestId: 'tab-2' } });

    expect(first.body.status).toBe('sent');
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toMatchObject({ status: 'already_requested',
      replay: { id: first.body.replay.id } });
    expect(otherTab.status).toBe(409);
    expect(otherTab.body.code).toBe('SYNCGOV_REPLAY_IN_PROGRESS');
    expect(scene.target.received).toHaveLength(1);
  });

  it('leaves a timed-out replay unknown and replaying, and never resends it', async () => {
    scene = await startReplayScene({ replay: (url) => httpReplay(url, 200) });
    const id = await raise('m-timeout');
    scene.target.mode = { kind: 'slow', delayMs: 2_000 };

    const first = await scene.act(id, 'replay', { body: { reason: 'fixed' } });
    const second = await scene.act(id, 'replay', { body: { reason: 'did it go?' } });
    await scene.collector.automation.sweep();

    expect(first.status).toBe(200);
    expect(first.body.status).toBe('unknown');
    expect(await ledger(id)).toEqual([expect.objectContaining({ attempt: 1, state: 'unknown',
      error: 'timed out waiting for the target', responseStatus: null })]);
    expect(await stored(id)).toMatchObject({ state: 'replaying' });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('SYNCGOV_REPLAY_IN_PROGRESS');
    expect(scene.target.received).toHaveLength(1);
  });

  it('settles an unknown replay as verified by the delivery that follows', async () => {
    scene = await startReplayScene({ replay: (url) => httpReplay(url, 200) });
    const id = await raise('m-unknown-ok');
    scene.target.mode = { kind: 'slow', delayMs: 1_000 };
    expect((await scene.act(id, 'replay', { body: { reason: 'fixed' } })).body.status)
      .toBe('unknown');

    await scene.ingest([deliveredEvent({ messageId: 'm-unknown-ok', key: 'PO-42', agoMs: 0 })]);

    expect(await stored(id)).toMatchObject({ state: 'resolved', resolution: 'replay_verified' });
    expect((await ledger(id)).map((r) => r.state)).toEqual(['verified']);
    expect(scene.target.received).toHaveLength(1);
  });

  it('re-opens an unknown replay that no delivery follows, without resending it', async () => {
    scene = await startReplayScene({ replay: (url) => httpReplay(url, 200) });
    const id = await raise('m-unknown-lost');
    scene.target.mode = { kind: 'slow', delayMs: 1_000 };
    await scene.act(id, 'replay', { body: { reason: 'fixed' } });
    const deadline = (await ledger(id))[0]!.verifyDeadline!;

    await scene.collector.automation.sweep(deadline + 1);

    expect(await stored(id)).toMatchObject({ state: 'open' });
    expect((await ledger(id)).map((r) => r.state)).toEqual(['unverified']);
    expect(scene.target.received).toHaveLength(1);
  });

  it('keeps the verification of a delivery reported before the target answered', async () => {
    scene = await startReplayScene();
    const id = await raise('m-fast-report');
    const s = scene;
    s.target.beforeAnswer = () => s.ingest([deliveredEvent({ messageId: 'm-fast-report',
      key: 'PO-42', agoMs: 0 })]);

    const answer = await s.act(id, 'replay', { body: { reason: 'fixed' } });
    await s.collector.automation.sweep(Date.now() + 3_600_000);

    expect(answer.body.status).toBe('sent');
    expect(await stored(id)).toMatchObject({ state: 'resolved', resolution: 'replay_verified' });
    expect((await ledger(id)).map((r) => r.state)).toEqual(['verified']);
  });

  it('leaves a replay unknown when the target drops the connection', async () => {
    scene = await startReplayScene();
    const id = await raise('m-dropped');
    scene.target.mode = { kind: 'close' };

    const answer: ActAnswer = await scene.act(id, 'replay', { body: { reason: 'fixed' } });

    expect(answer.body.status).toBe('unknown');
    expect((await ledger(id))[0]).toMatchObject({ state: 'unknown' });
    expect(await stored(id)).toMatchObject({ state: 'replaying' });
    expect(scene.target.received).toHaveLength(1);
  });

  it('returns a refused replay to open, and the next decision gets a new key', async () => {
    scene = await startReplayScene();
    const id = await raise('m-refused');
    scene.target.mode = { kind: 'fail', status: 422 };

    const refused = await scene.act(id, 'replay', { user: 'olga', body: { reason: 'fixed' } });
    scene.target.mode = { kind: 'accept' };
    const accepted = await scene.act(id, 'replay', { user: 'olga', body: { reason: 'really' } });

    expect(refused.body).toMatchObject({ status: 'failed', exception: { state: 'open' } });
    expect(accepted.body).toMatchObject({ status: 'sent', replay: { attempt: 2 } });
    expect((await ledger(id)).map((r) => [r.idempotencyKey, r.state, r.responseStatus])).toEqual([
      [`syncgov:${id}:1`, 'failed', 422], [`syncgov:${id}:2`, 'sent', 200]]);
    expect((await scene.collector.store.auditTrail(id)).map((a) => a.action))
      .toEqual(['raise', 'replay', 'replay_failed', 'replay']);
  });

  it('marks a replay failed when the target cannot be reached, nothing sent', async () => {
    const closed = await closedPort();
    scene = await startReplayScene({ replay: () => httpReplay(`http://127.0.0.1:${closed}/replay`) });
    const id = await raise('m-unreachable');

    const answer = await scene.act(id, 'replay', { body: { reason: 'fixed' } });

    expect(answer.body).toMatchObject({ status: 'failed', exception: { state: 'open' } });
    expect(await ledger(id)).toEqual([expect.objectContaining({ state: 'failed',
      error: 'ECONNREFUSED' })]);
  });

  it('refuses a replay for an interface without a replay target', async () => {
    scene = await startReplayScene({ overrides: { 'mes-erp-completion': { replay: undefined } } });
    const id = await raise('m-no-target');

    const answer = await scene.act(id, 'replay', { body: { reason: 'fixed' } });

    expect(answer.status).toBe(409);
    expect(answer.body.code).toBe('SYNCGOV_REPLAY_NO_TARGET');
    expect(await stored(id)).toMatchObject({ state: 'open', replayCount: 0 });
  });

  it('sends the original payload while the API masks sensitive fields', async () => {
    scene = await startReplayScene({ overrides: {
      'mes-erp-completion': { sensitiveFields: ['$.supplier.iban'] } } });
    const payload = { order: 'PO-42', supplier: { id: 'S-1', iban: 'DE02120300000000202051' } };
    const id = await raise('m-masked', payload);

    const shown = await (await scene.collector.call(`/v1/exceptions/${id}`)).json() as
      { payload: { supplier: { iban: string } } };
    await scene.act(id, 'replay', { body: { reason: 'fixed' } });

    expect(shown.payload.supplier.iban).not.toBe('DE02120300000000202051');
    expect(JSON.parse(scene.target.received[0]!.body)).toEqual(payload);
  });
});

/** A port nothing listens on: one the system just handed out and took back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
