import { describe, expect, it } from 'vitest';
import type { NewJob } from '../../../src/store/exception-store.js';
import { backends, useStore } from './backends.js';
import { MINUTE, T0 } from './fixtures.js';

const ITEMS = ['ex-c', 'ex-a', 'ex-d', 'ex-b'];
const NONE = { pending: 0, sent: 0, unknown: 0, failed: 0, skipped: 0, held: 0, cancelled: 0 };

function newJob(overrides: Partial<NewJob> = {}): NewJob {
  return {
    id: 'job-1',
    filter: { plants: ['cz-pls'], classes: ['transient'], from: T0 - 60 * MINUTE },
    ratePerSecond: 2.5,
    createdBy: 'alice',
    tokenName: 'ops-token',
    createdAt: T0,
    exceptionIds: ITEMS,
    ...overrides,
  };
}

describe.each(backends())('the $name store keeps bulk replay jobs', (backend) => {
  const opened = useStore(backend);

  it('creates a running job with every item pending, in the order given', async () => {
    const { store } = opened();
    const job = await store.createJob(newJob());

    expect(job).toEqual({
      id: 'job-1', filter: { plants: ['cz-pls'], classes: ['transient'], from: T0 - 60 * MINUTE },
      state: 'running', round: 1, ratePerSecond: 2.5, createdBy: 'alice', tokenName: 'ops-token',
      createdAt: T0, updatedAt: T0, counts: { ...NONE, pending: 4 }, total: 4,
    });
    expect(await store.getJob('job-1')).toEqual(job);
    expect(await store.getJob('job-none')).toBeUndefined();
    expect(await store.jobItems('job-1')).toEqual(ITEMS.map((exceptionId, position) => ({
      jobId: 'job-1', exceptionId, position, state: 'pending', outcome: null, replayId: null,
    })));
  });

  it('hands out pending items in order and counts settled ones', async () => {
    const { store } = opened();
    await store.createJob(newJob());
    await store.settleJobItem('job-1', 'ex-c', 'sent', 'sent', 'r-1');
    await store.settleJobItem('job-1', 'ex-d', 'held', 'target down', null);

    expect((await store.pendingItems('job-1', 5)).map((i) => i.exceptionId))
      .toEqual(['ex-a', 'ex-b']);
    expect((await store.pendingItems('job-1', 1)).map((i) => i.exceptionId)).toEqual(['ex-a']);
    expect((await store.getJob('job-1'))?.counts)
      .toEqual({ ...NONE, pending: 2, sent: 1, held: 1 });
  });

  it('keeps an item\'s replay when a later settlement names none', async () => {
    const { store } = opened();
    await store.createJob(newJob());
    await store.settleJobItem('job-1', 'ex-a', 'unknown', 'timeout', 'r-9');
    await store.settleJobItem('job-1', 'ex-a', 'failed', 'HTTP 503', null);

    expect((await store.jobItems('job-1'))[1]).toEqual({ jobId: 'job-1', exceptionId: 'ex-a',
      position: 1, state: 'failed', outcome: 'HTTP 503', replayId: 'r-9' });
  });

  it('moves a job only from the states given', async () => {
    const { store } = opened();
    await store.createJob(newJob());

    expect(await store.setJobState('job-1', ['running'], 'cancelled', T0 + MINUTE)).toBe(true);
    expect(await store.setJobState('job-1', ['running'], 'done', T0 + 2 * MINUTE)).toBe(false);
    expect(await store.setJobState('job-none', ['running'], 'done', T0)).toBe(false);
    expect(await store.getJob('job-1'))
      .toMatchObject({ state: 'cancelled', updatedAt: T0 + MINUTE });
  });

  it('resumes a job: failed and cancelled items pending again, the next round', async () => {
    const { store } = opened();
    await store.createJob(newJob());
    await store.settleJobItem('job-1', 'ex-c', 'sent', 'sent', 'r-1');
    await store.settleJobItem('job-1', 'ex-a', 'failed', 'HTTP 503', 'r-2');
    await store.settleJobItem('job-1', 'ex-d', 'cancelled', 'job cancelled', null);
    await store.settleJobItem('job-1', 'ex-b', 'skipped', 'resolved meanwhile', null);
    await store.setJobState('job-1', ['running'], 'cancelled', T0 + MINUTE);

    const resumed = await store.resumeJob('job-1', T0 + 2 * MINUTE);
    expect(resumed).toMatchObject({ state: 'running', round: 2, updatedAt: T0 + 2 * MINUTE,
      counts: { ...NONE, sent: 1, pending: 2, skipped: 1 }, total: 4 });
    expect((await store.jobItems('job-1')).map((i) => [i.exceptionId, i.state, i.outcome]))
      .toEqual([['ex-c', 'sent', 'sent'], ['ex-a', 'pending', null],
        ['ex-d', 'pending', null], ['ex-b', 'skipped', 'resolved meanwhile']]);
    expect(await store.resumeJob('job-none', T0)).toBeUndefined();
  });

  it('lists jobs newest first and the ones still running', async () => {
    const { store } = opened();
    await store.createJob(newJob({ id: 'job-1', createdAt: T0 }));
    await store.createJob(newJob({ id: 'job-2', createdAt: T0 + MINUTE, exceptionIds: [] }));
    await store.createJob(newJob({ id: 'job-3', createdAt: T0 + 2 * MINUTE }));
    await store.setJobState('job-3', ['running'], 'done', T0 + 3 * MINUTE);

    expect((await store.listJobs(10)).map((j) => j.id)).toEqual(['job-3', 'job-2', 'job-1']);
    expect((await store.listJobs(1)).map((j) => j.id)).toEqual(['job-3']);
    expect((await store.runningJobs()).map((j) => j.id).sort()).toEqual(['job-1', 'job-2']);
    expect((await store.getJob('job-2'))?.total).toBe(0);
  });
});
