import { afterEach, describe, expect, it } from 'vitest';
import type { LifecycleEvent } from '../../src/ingest/event-schema.js';
import type { JobItem, ReplayJob } from '../../src/store/exception-store.js';
import {
  failedEvent, idOf, startReplayScene, type ReplayScene,
} from '../support/exception-events.js';

type JobView = ReplayJob & { items: JobItem[] };

describe('bulk replay', () => {
  let scene: ReplayScene;

  afterEach(async () => {
    await scene.close();
  });

  async function post(path: string, body?: unknown, role = 'operator') {
    const response = await scene.collector.call(path, { role, method: 'POST',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: response.status, body: await response.json() as Record<string, any> };
  }

  async function job(id: string): Promise<JobView> {
    return await (await scene.collector.call(`/v1/replays/jobs/${id}`, { role: 'viewer' }))
      .json() as JobView;
  }

  async function settled(id: string, timeoutMs = 30_000): Promise<JobView> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const view = await job(id);
      if (view.state !== 'running') return view;
      if (Date.now() > until) throw new Error(`job ${id} still running: ${JSON.stringify(view.counts)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Mapping failures at one plant, oldest first, in one batch. */
  function mappingFailures(count: number, prefix: string): LifecycleEvent[] {
    return Array.from({ length: count }, (_, i) => failedEvent('mapping', {
      messageId: `${prefix}-${i}`, key: `PO-${prefix}-${String(i).padStart(4, '0')}`,
      agoMs: 3_600_000 - i * 100, payload: { order: i } }));
  }

  it('plans a filter without sending: counts, places, keys, age, risk and what policy holds', async () => {
    scene = await startReplayScene();
    await scene.ingest([
      failedEvent('mapping', { messageId: 'p-1', key: 'PO-A', agoMs: 3_600_000 }),
      failedEvent('duplicate', { messageId: 'p-2', key: 'PO-B' }),
      failedEvent('invalid_master_data', { messageId: 'p-3', key: 'PO-C' }),
      failedEvent('posting_rule', { messageId: 'p-4', key: 'PO-D' }),
      failedEvent('sequence_dependency', { messageId: 'p-5', key: 'PO-E' }),
      failedEvent('mapping', { interface: 'mes-erp-consumption', plant: 'de-stu',
        messageId: 'p-6', key: 'PO-F' }),
      failedEvent('mapping', { plant: 'us-clt', messageId: 'p-7', key: 'PO-G', agoMs: 9_000_000 }),
      failedEvent('mapping', { messageId: 'p-8', key: 'PO-H' }),
    ]);
    await scene.act(idOf('p-8'), 'replay', { body: { reason: 'one already under way' } });
    const auditBefore = await scene.collector.store.auditTrail(idOf('p-1'));

    const plan = await post('/v1/replays/plan', { filter: { plant: 'cz-pls,de-stu' } });

    expect(plan.status).toBe(200);
    const { oldestAgeSeconds, businessKeys, heldBack, ...rest } = plan.body;
    expect(rest).toEqual({
      count: 7,
      replayable: 2,
      plants: ['cz-pls', 'de-stu'],
      processes: ['material-consumption', 'production-confirmation'],
      interfaces: ['mes-erp-completion', 'mes-erp-consumption'],
      businessKeyCount: 7,
      duplicateRisk: { level: 'low', count: 2, reasons: [
        '1 already replaying: skipped, never sent twice', '1 duplicates: never replayed'] },
    });
    expect([...businessKeys].sort()).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'H']
      .map((k) => `production_order:PO-${k}`));
    expect(oldestAgeSeconds).toBeGreaterThanOrEqual(3_600);
    expect(oldestAgeSeconds).toBeLessThanOrEqual(3_605);
    expect([...heldBack].sort((a, b) => a.decision.localeCompare(b.decision))).toEqual([
      { decision: 'blocked', count: 1,
        reason: 'blocked until the source record is marked corrected' },
      { decision: 'held', count: 1,
        reason: 'held until the prerequisite delivers for this business key' },
      { decision: 'needs_approval', count: 1,
        reason: 'posting-rule rejection: a second person must approve' },
      { decision: 'never', count: 1,
        reason: 'duplicate or conflict: the target already has the document' },
    ]);
    expect(scene.target.received).toHaveLength(1);
    expect(await scene.collector.store.auditTrail(idOf('p-1'))).toEqual(auditBefore);
  });

  // One item at a time through the store and a real HTTP call: about a minute.
  it('replays 1000, records what the failing target refused, and resumes to exactly once each', {
    timeout: 150_000 }, async () => {
    scene = await startReplayScene();
    await scene.ingest(mappingFailures(1000, 'bulk'));
    scene.target.failAfter(500, 503);

    const started = await post('/v1/replays/jobs',
      { filter: { interface: 'mes-erp-completion', class: 'mapping' }, ratePerSecond: 1000 });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ state: 'running', round: 1, total: 1000,
      createdBy: 'demo-operator', counts: { pending: 1000 } });
    const first = await settled(started.body.id, 100_000);

    expect(first.state).toBe('done');
    expect(first.counts).toMatchObject({ sent: 500, failed: 500, pending: 0, skipped: 0 });
    expect(first.items.slice(0, 500).every((i) => i.state === 'sent')).toBe(true);
    expect(first.items.slice(500).every((i) => i.state === 'failed' && i.outcome === 'failed'))
      .toBe(true);
    expect(scene.target.received).toHaveLength(1000);
    expect(first.items.map((i) => i.exceptionId).slice(0, 3))
      .toEqual([0, 1, 2].map((i) => idOf(`bulk-${i}`)));

    scene.target.recover();
    const resumed = await post(`/v1/replays/jobs/${started.body.id}/resume`);
    expect(resumed.status).toBe(200);
    expect(resumed.body).toMatchObject({ state: 'running', round: 2 });
    const second = await settled(started.body.id, 100_000);

    expect(second.state).toBe('done');
    expect(second.counts).toMatchObject({ sent: 1000, failed: 0, pending: 0, skipped: 0 });
    expect(scene.target.received).toHaveLength(1500);
    expect([...scene.target.receivedByKey().values()].every((n) => n === 1)).toBe(true);
    const delivered = scene.target.acceptedByException();
    expect(delivered.size).toBe(1000);
    expect([...delivered.values()].every((n) => n === 1)).toBe(true);
    const retried = scene.target.received.slice(1000).map((r) => r.idempotencyKey);
    expect(retried.every((key) => key.endsWith(':2'))).toBe(true);
  });

  it('never doubles a delivery when single replays overlap a running job', async () => {
    scene = await startReplayScene();
    await scene.ingest(mappingFailures(20, 'mix'));
    const ids = Array.from({ length: 20 }, (_, i) => idOf(`mix-${i}`));

    const started = await post('/v1/replays/jobs', { filter: { class: 'mapping' },
      ratePerSecond: 40 });
    const singles = [];
    for (const id of [...ids].reverse()) {
      singles.push(scene.act(id, 'replay', { user: 'olga', body: { reason: 'by hand' } }));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const answers = await Promise.all(singles);
    const done = await settled(started.body.id);

    const won = answers.filter((a) => a.status === 200 && a.body.status === 'sent');
    const lost = answers.filter((a) => a.status === 409);
    expect(won.length + lost.length).toBe(20);
    expect(lost.every((a) => a.body.code === 'SYNCGOV_REPLAY_IN_PROGRESS')).toBe(true);
    expect(won.length).toBeGreaterThan(0);
    expect(lost.length).toBeGreaterThan(0);
    expect(done.counts).toMatchObject({ sent: lost.length, skipped: won.length });
    expect(done.items.filter((i) => i.state === 'skipped').map((i) => i.outcome))
      .toEqual(Array(won.length).fill('SYNCGOV_REPLAY_IN_PROGRESS'));
    expect(scene.target.received).toHaveLength(20);
    expect(new Set(scene.target.received.map((r) => r.exceptionId))).toEqual(new Set(ids));
  });

  it('stops sending when cancelled, leaving the rest pending', async () => {
    scene = await startReplayScene();
    await scene.ingest(mappingFailures(50, 'stop'));

    const started = await post('/v1/replays/jobs', { filter: { class: 'mapping' },
      ratePerSecond: 20 });
    await scene.target.waitFor(5);
    const cancelled = await post(`/v1/replays/jobs/${started.body.id}/cancel`);
    const sentAtCancel = scene.target.received.length;
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ state: 'cancelled',
      counts: { sent: sentAtCancel, pending: 50 - sentAtCancel } });
    expect(sentAtCancel).toBeLessThan(50);
    expect(scene.target.received).toHaveLength(sentAtCancel);
    expect((await job(started.body.id)).state).toBe('cancelled');
  });

  it('answers 404 for a job that does not exist', async () => {
    scene = await startReplayScene();

    const cancel = await post('/v1/replays/jobs/no-such-job/cancel');

    expect(cancel.status).toBe(404);
    expect(cancel.body.code).toBe('SYNCGOV_JOB_NOT_FOUND');
  });
});
