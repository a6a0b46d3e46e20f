import { afterEach, describe, expect, it } from 'vitest';
import type { CollectorConfig } from '../../src/config/schema.js';
import { sample } from '../support/collector-harness.js';
import {
  deliveredEvent, failedEvent, idOf, startReplayScene, type ReplayScene,
} from '../support/exception-events.js';

const OUTAGE_SERIES = 'syncgov_system_outage{system="erp",plant="cz-pls"}';

describe('policy automation', () => {
  let scene: ReplayScene;

  afterEach(async () => {
    await scene.close();
  });

  const stored = async (id: string) => (await scene.collector.store.getException(id))!;
  const trail = (id: string) => scene.collector.store.auditTrail(id);
  const metrics = async () => (await fetch(`${scene.collector.url}/metrics`)).text();
  const sweep = (now?: number) => scene.collector.automation.sweep(now);
  const keysReceived = () => scene.target.received.map((r) => r.idempotencyKey);

  describe('upstream outage', () => {
    const ids = [1, 2, 3, 4, 5].map((n) => idOf(`m-out-${n}`));

    async function deferAll() {
      // Ingested newest first, so that only sorting by first sight drains oldest first.
      await scene.ingest([5, 4, 3, 2, 1].map((n) =>
        failedEvent('upstream_outage', { messageId: `m-out-${n}`, key: `PO-OUT-${n}`,
          agoMs: 60_000 - n * 1_000 })));
      for (const id of ids) {
        const answer = await scene.act(id, 'replay', { user: 'olga', body: { reason: 'drain' } });
        expect(answer.status).toBe(200);
        expect(answer.body).toMatchObject({ status: 'deferred', replay: null,
          exception: { state: 'open', hold: 'outage' } });
      }
    }

    it('defers replays while the target system is down, sending nothing', async () => {
      scene = await startReplayScene({ configure: drainThreePerSweep });
      await deferAll();

      expect(sample(await metrics(), OUTAGE_SERIES)).toBe(1);
      expect((await trail(ids[0]!)).at(-1)).toMatchObject({ actor: 'olga', action: 'defer',
        fromState: 'open', toState: 'open',
        reason: 'the target system is down: the replay waits for recovery' });
      await sweep();
      await sweep(Date.now() + 600_000);
      expect(scene.target.received).toHaveLength(0);
      expect((await stored(ids[0]!)).hold).toBe('outage');
    });

    it('drains deferred replays at the configured rate, oldest first, once the target delivers', async () => {
      scene = await startReplayScene({ configure: drainThreePerSweep });
      await deferAll();

      await scene.ingest([deliveredEvent({ interface: 'mes-erp-consumption', messageId: 'c-up',
        key: 'PO-UP', agoMs: 0 })]);
      expect(sample(await metrics(), OUTAGE_SERIES)).toBe(0);

      await sweep();
      expect(keysReceived()).toEqual(ids.slice(0, 3).map((id) => `syncgov:${id}:1`));
      expect(await stored(ids[3]!)).toMatchObject({ state: 'open', hold: 'outage' });
      await sweep();
      expect(keysReceived()).toEqual(ids.map((id) => `syncgov:${id}:1`));
      for (const id of ids) {
        expect(await stored(id)).toMatchObject({ state: 'replaying', hold: null });
        expect((await trail(id)).at(-1)).toMatchObject({ actor: 'syncgov-policy',
          action: 'replay', reason: 'drained after the target recovered' });
      }
      await sweep();
      expect(scene.target.received).toHaveLength(5);
    });
  });

  it('keeps who asked and who approved through an outage deferral', async () => {
    scene = await startReplayScene({ configure: drainThreePerSweep });
    await scene.ingest([
      failedEvent('upstream_outage', { messageId: 'm-down', key: 'PO-X' }),
      failedEvent('posting_rule', { messageId: 'm-post', key: 'PO-Y' }),
    ]);
    const id = idOf('m-post');
    await scene.act(id, 'replay', { user: 'alice', body: { reason: 'period reopened' } });

    const approved = await scene.act(id, 'approve',
      { role: 'approver', user: 'bob', body: { reason: 'checked the period' } });
    await scene.ingest([deliveredEvent({ interface: 'mes-erp-consumption', messageId: 'c-up',
      key: 'PO-UP', agoMs: 0 })]);
    await sweep();

    expect(approved.body).toMatchObject({ status: 'deferred', exception: { state: 'approved',
      hold: 'outage', replayRequestedBy: 'alice', approvedBy: 'bob' } });
    expect(await scene.collector.store.replaysOf(id)).toEqual([expect.objectContaining({
      requestedBy: 'alice', approvedBy: 'bob', reason: 'drained after the target recovered',
      state: 'sent' })]);
    expect(keysReceived()).toEqual([`syncgov:${id}:1`]);
  });

  describe('sequence dependency', () => {
    it('holds until the prerequisite delivers for the key, then releases in order', async () => {
      scene = await startReplayScene();
      for (const n of [3, 2, 1]) {
        await scene.ingest([failedEvent('sequence_dependency',
          { messageId: `m-seq-${n}`, key: 'PO-SEQ', agoMs: 60_000 - n * 1_000 })]);
      }
      await scene.ingest([failedEvent('sequence_dependency', { messageId: 'm-seq-other',
        key: 'PO-OTHER' })]);
      const ordered = [1, 2, 3].map((n) => idOf(`m-seq-${n}`));
      const asked = await scene.act(ordered[0]!, 'replay', { body: { reason: 'now please' } });

      expect(asked.body).toMatchObject({ status: 'held', replay: null,
        exception: { state: 'open', hold: 'prerequisite' } });
      expect((await stored(ordered[2]!)).hold).toBe('prerequisite');
      await sweep();
      expect(scene.target.received).toHaveLength(0);

      await scene.ingest([deliveredEvent({ interface: 'erp-mes-production-order',
        messageId: 'po-release', key: 'PO-SEQ', agoMs: 0 })]);
      await sweep();

      expect(keysReceived()).toEqual(ordered.map((id) => `syncgov:${id}:1`));
      for (const id of ordered) {
        expect(await stored(id)).toMatchObject({ state: 'replaying', hold: null });
        expect((await trail(id)).at(-1)).toMatchObject({ actor: 'syncgov-policy',
          action: 'replay', reason: 'released in order after the prerequisite delivered' });
      }
      expect(await stored(idOf('m-seq-other'))).toMatchObject({ state: 'open',
        hold: 'prerequisite' });
    });
  });

  describe('transient failure', () => {
    const itf = 'planning-erp-demand-plan';
    const series = `syncgov_exceptions_escalated_total{interface="${itf}",plant="de-stu",`
      + 'process="demand-plan-update",class="transient"}';
    const id = idOf('m-tr', itf);

    async function exhaustRetries(t0: number) {
      await scene.ingest([failedEvent('transient', { interface: itf, plant: 'de-stu',
        messageId: 'm-tr', key: 'DP-1' })]);
      scene.target.mode = { kind: 'fail', status: 503 };
      await sweep(t0);
      expect(scene.target.received).toHaveLength(1);
      expect(await stored(id)).toMatchObject({ attempts: 1, nextRetryAt: t0 + 30_000 });
      for (const [quiet, due] of [[t0 + 29_999, t0 + 30_000], [t0 + 89_999, t0 + 90_000]]) {
        const before = scene.target.received.length;
        await sweep(quiet);
        expect(scene.target.received).toHaveLength(before);
        await sweep(due);
        expect(scene.target.received).toHaveLength(before + 1);
      }
    }

    it('retries with backoff up to the limit, then escalates one step, once', async () => {
      scene = await startReplayScene({ configure: retryThreeTimes });
      const t0 = Date.now() + 1_000;
      await exhaustRetries(t0);

      expect(keysReceived()).toEqual([1, 2, 3].map((n) => `syncgov:${id}:${n}`));
      expect(await stored(id)).toMatchObject({ state: 'open', attempts: 3, severity: 'medium',
        escalated: false, nextRetryAt: t0 + 210_000 });
      await sweep(t0 + 209_999);
      expect((await stored(id)).escalated).toBe(false);

      await sweep(t0 + 210_000);
      expect(await stored(id)).toMatchObject({ state: 'open', severity: 'high', escalated: true });
      expect((await trail(id)).at(-1)).toMatchObject({ actor: 'syncgov-policy', action: 'escalate',
        fromState: 'open', toState: 'open', detail: { severity: 'high' },
        reason: 'automatic retries exhausted after 3 attempts' });
      expect(sample(await metrics(), series)).toBe(1);
      await sweep(t0 + 10_000_000);
      expect(sample(await metrics(), series)).toBe(1);
      expect(scene.target.received).toHaveLength(3);
      expect((await trail(id)).filter((a) => a.action === 'auto_retry').map((a) => a.reason))
        .toEqual(['automatic retry 1 of 3', 'automatic retry 2 of 3', 'automatic retry 3 of 3']);
    });

    it('keeps the escalated severity when the same failure repeats', async () => {
      scene = await startReplayScene({ configure: retryThreeTimes });
      const t0 = Date.now() + 1_000;
      await exhaustRetries(t0);
      await sweep(t0 + 210_000);

      await scene.ingest([failedEvent('transient', { interface: itf, plant: 'de-stu',
        messageId: 'm-tr', key: 'DP-1', agoMs: 0 })]);

      expect(await stored(id)).toMatchObject({ occurrences: 2, severity: 'high', escalated: true });
    });
  });

  it('stops a sweep under way after the exception in hand, so shutdown never waits for all', async () => {
    scene = await startReplayScene({ configure: retryThreeTimes });
    const itf = 'planning-erp-demand-plan';
    const ids = [1, 2, 3].map((n) => idOf(`m-stop-${n}`, itf));
    await scene.ingest([1, 2, 3].map((n) => failedEvent('transient', { interface: itf,
      plant: 'de-stu', messageId: `m-stop-${n}`, key: `DP-STOP-${n}`, agoMs: 0 })));

    const sweeping = sweep(Date.now() + 60_000);
    await scene.collector.automation.stop();
    await sweeping;

    expect(scene.target.received).toHaveLength(0);
    for (const id of ids) expect(await stored(id)).toMatchObject({ state: 'open', attempts: 0 });
  });
});

function drainThreePerSweep(config: CollectorConfig): void {
  // One sweep every 60 s at 0.05 per second: three replays per sweep.
  config.replay.drainPerSecond = 0.05;
}

function retryThreeTimes(config: CollectorConfig): void {
  config.replay.transientMaxAttempts = 3;
  config.replay.transientBaseDelaySeconds = 30;
}
