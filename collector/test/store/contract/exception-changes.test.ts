import { describe, expect, it } from 'vitest';
import { ChangeConflictError } from '../../../src/store/exception-store.js';
import { backends, useStore } from './backends.js';
import { audit, idOf, MINUTE, newReplay, raise, replayChange, T0 } from './fixtures.js';

const id = idOf('msg-1');

async function conflictOf(promise: Promise<unknown>): Promise<ChangeConflictError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ChangeConflictError);
  return err as ChangeConflictError;
}

describe.each(backends())('the $name store guards exception changes', (backend) => {
  const opened = useStore(backend);

  it('applies a change from an allowed state, with its fields and an audit line', async () => {
    const { store } = opened();
    const raised = await raise(store);
    const result = await store.applyChange({ exceptionId: id, from: ['open'],
      to: 'acknowledged', set: { acknowledgedBy: 'alice', assignee: 'bob' }, audit: audit() });

    const expected = { ...raised, state: 'acknowledged', acknowledgedBy: 'alice',
      assignee: 'bob', version: 2 };
    expect(result).toEqual({ exception: expected, replay: null });
    expect(await store.getException(id)).toEqual(expected);
    expect((await store.auditTrail(id)).at(-1)).toEqual({
      id: expect.any(Number), exceptionId: id, at: T0 + 5 * MINUTE, actor: 'alice',
      tokenName: 'ops-token', action: 'acknowledge', fromState: 'open', toState: 'acknowledged',
      reason: 'looking into it', detail: null,
    });
  });

  it('sets every field a change may set', async () => {
    const { store } = opened();
    await raise(store);
    const set = { assignee: 'bob', acknowledgedBy: 'alice', replayRequestedBy: 'alice',
      replayReason: 'fixed', approvedBy: 'carol', hold: 'outage' as const, correctedBy: 'dan',
      correctedAt: T0 + 2 * MINUTE, resolution: 'ignored' as const, resolvedAt: T0 + 3 * MINUTE,
      attempts: 2, nextRetryAt: T0 + 4 * MINUTE, severity: 'critical' as const,
      escalated: true };
    const { exception } = await store.applyChange({ exceptionId: id, from: ['open'],
      to: 'resolved', set, audit: audit({ action: 'ignore' }) });
    expect(exception).toMatchObject(set);

    const back = await store.applyChange({ exceptionId: id, from: ['resolved'], to: 'open',
      set: { escalated: false, hold: null, resolution: null }, audit: audit() });
    expect(back.exception).toMatchObject({ escalated: false, hold: null, resolution: null });
  });

  it('refuses a change from another state and reports the current record', async () => {
    const { store } = opened();
    const raised = await raise(store);
    const err = await conflictOf(store.applyChange({ exceptionId: id,
      from: ['awaiting_approval'], to: 'approved', audit: audit({ action: 'approve' }) }));

    expect(err.current).toEqual(raised);
    expect(err.message).toBe(`exception ${id} is open`);
    expect(await store.getException(id)).toEqual(raised);
    expect(await store.auditTrail(id)).toHaveLength(1);
  });

  it('refuses a change of an exception that does not exist', async () => {
    const { store } = opened();
    const err = await conflictOf(store.applyChange({ exceptionId: 'ex-missing', from: ['open'],
      to: 'acknowledged', audit: audit() }));

    expect(err.current).toBeUndefined();
    expect(err.message).toBe('exception not found');
  });

  it('writes the replay to the ledger with the key of the decision', async () => {
    const { store } = opened();
    const raised = await raise(store, {}, { hold: 'prerequisite' });
    const { exception, replay } = await store.applyChange(replayChange(id));

    expect(exception).toEqual({ ...raised, state: 'replaying', hold: null, replayCount: 1,
      version: 2 });
    expect(replay).toEqual({
      id: expect.any(String), exceptionId: id, idempotencyKey: `syncgov:${id}:1`, attempt: 1,
      requestId: 'req-1', jobId: null, requestedBy: 'alice', approvedBy: null,
      reason: 'mapping fixed', targetKind: 'http', target: 'POST http://erp.example/confirmations',
      state: 'sending', createdAt: T0 + 5 * MINUTE, sentAt: null, settledAt: null,
      verifyDeadline: null, responseStatus: null, error: null,
    });
    expect(await store.getReplay(replay!.id)).toEqual(replay);
    expect(await store.replayByRequest('req-1')).toEqual(replay);
    expect(await store.replayByRequest('req-other')).toBeUndefined();
    expect(await store.getReplay('no-such-replay')).toBeUndefined();
  });

  it('refuses a second replay while one is under way', async () => {
    const { store } = opened();
    await raise(store);
    await store.applyChange(replayChange(id));
    const err = await conflictOf(store.applyChange(replayChange(id,
      { replay: newReplay({ requestId: 'req-2' }) })));

    expect(err.current?.state).toBe('replaying');
    expect(await store.replaysOf(id)).toHaveLength(1);
  });

  it('gives each replay decision the next attempt and key', async () => {
    const { store } = opened();
    await raise(store);
    const first = (await store.applyChange(replayChange(id))).replay!;
    await store.settleReplay(first.id, ['sending'], { state: 'failed', at: T0 + 6 * MINUTE,
      error: 'HTTP 503' }, { exceptionId: id, from: ['replaying'], to: 'open',
      audit: audit({ action: 'replay_failed' }) });
    const second = (await store.applyChange(replayChange(id,
      { replay: newReplay({ requestId: 'req-2', jobId: 'job-1', targetKind: 'amqp' }) })))
      .replay!;

    expect(second).toMatchObject({ attempt: 2, idempotencyKey: `syncgov:${id}:2`,
      requestId: 'req-2', jobId: 'job-1', targetKind: 'amqp', state: 'sending' });
    expect((await store.replaysOf(id)).map((r) => [r.attempt, r.state]))
      .toEqual([[1, 'failed'], [2, 'sending']]);
    expect((await store.getException(id))?.replayCount).toBe(2);
  });

  it('refuses a reused request id and leaves the exception as it was', async () => {
    const { store } = opened();
    await raise(store);
    const first = (await store.applyChange(replayChange(id))).replay!;
    await store.settleReplay(first.id, ['sending'], { state: 'failed', at: T0 + 6 * MINUTE },
      { exceptionId: id, from: ['replaying'], to: 'open', audit: audit() });
    const before = await store.getException(id);
    const trail = await store.auditTrail(id);

    await expect(store.applyChange(replayChange(id))).rejects.toThrow(/unique/i);
    expect(await store.getException(id)).toEqual(before);
    expect(await store.auditTrail(id)).toEqual(trail);
    expect(await store.replaysOf(id)).toHaveLength(1);
  });

  it('keeps the audit trail in order and appends lines without a state change', async () => {
    const { store } = opened();
    await raise(store);
    await store.appendAudit(id, audit({ action: 'escalate', actor: 'syncgov', tokenName: null,
      reason: 'attempts exhausted', detail: { severity: 'critical', attempts: 3 } }));
    await store.applyChange({ exceptionId: id, from: ['open'], to: 'acknowledged',
      audit: audit() });

    const trail = await store.auditTrail(id);
    expect(trail.map((a) => [a.action, a.fromState, a.toState])).toEqual([
      ['raise', null, 'open'], ['escalate', null, null], ['acknowledge', 'open', 'acknowledged'],
    ]);
    expect(trail[1]?.detail).toEqual({ severity: 'critical', attempts: 3 });
    expect(trail.map((a) => a.id)).toEqual([...trail.map((a) => a.id)].sort((a, b) => a - b));
    expect(await store.auditTrail('ex-none')).toEqual([]);
  });

  it('refuses to update or delete the audit log', async () => {
    const { store, execute } = opened();
    await raise(store);
    const trail = await store.auditTrail(id);

    await expect(execute("UPDATE audit_log SET actor = 'mallory'"))
      .rejects.toThrow(/append-only/);
    await expect(execute('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    expect(await store.auditTrail(id)).toEqual(trail);
  });
});
