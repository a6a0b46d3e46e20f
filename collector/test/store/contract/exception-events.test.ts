import { describe, expect, it } from 'vitest';
import { backends, useStore } from './backends.js';
import {
  audit, event, failure, idOf, ITF, key, MINUTE, PLANT, PROCESS, raise, replayChange, sorted, T0,
} from './fixtures.js';

const labels = { interface: ITF, plant: PLANT, process: PROCESS };

describe.each(backends())('the $name store turns failures into exceptions', (backend) => {
  const opened = useStore(backend);

  it('raises an exception from a classified failure, with an audit line', async () => {
    const { store } = opened();
    const id = idOf('msg-1');

    expect(await raise(store, { eventTime: T0, receivedAt: T0 + 100 })).toEqual({
      id, interfaceId: ITF, messageId: 'msg-1', plantId: PLANT, labels,
      businessKey: key('PO-1'), class: 'mapping', severity: 'high', owner: 'integration-team',
      state: 'open', fingerprint: 'fp-mapping', recommendedAction: 'fix the mapping, then replay',
      errorCode: 'MAP-17', errorMessage: 'unit PCE cannot be mapped', occurrences: 1,
      firstSeenAt: T0, lastSeenAt: T0, slaDeadline: T0 + 60 * MINUTE, resolvedAt: null,
      resolution: null, assignee: null, acknowledgedBy: null, replayRequestedBy: null,
      replayReason: null, approvedBy: null, hold: null, correctedBy: null, correctedAt: null,
      replayCount: 0, attempts: 0, nextRetryAt: null, escalated: false, reopenCount: 0,
      targetSystem: 'erp', version: 1,
    });
    expect(await store.auditTrail(id)).toEqual([{
      id: expect.any(Number), exceptionId: id, at: T0 + 100, actor: 'syncgov', tokenName: null,
      action: 'raise', fromState: null, toState: 'open', reason: 'unit PCE cannot be mapped',
      detail: { class: 'mapping', errorCode: 'MAP-17', fromState: null },
    }]);
  });

  it('raises nothing for a failure that was not classified', async () => {
    const { store } = opened();
    await store.recordEvents([failure({ classification: null })]);

    expect(await store.getException(idOf('msg-1'))).toBeUndefined();
    expect((await store.getMessage(ITF, 'msg-1'))?.state).toBe('failed');
  });

  it('counts a repeat into the same exception and keeps its workflow state', async () => {
    const { store } = opened();
    const id = idOf('msg-1');
    await raise(store, { eventTime: T0 });
    await store.applyChange({ exceptionId: id, from: ['open'], to: 'acknowledged',
      set: { acknowledgedBy: 'alice' }, audit: audit() });
    await store.recordEvents([failure({ eventTime: T0 + 2 * MINUTE, errorCode: 'MAP-18' },
      { severity: 'critical', hold: 'prerequisite' })]);
    await store.recordEvents([failure({ eventTime: T0 + MINUTE })]);

    expect(await store.getException(id)).toMatchObject({
      state: 'acknowledged', acknowledgedBy: 'alice', occurrences: 3, firstSeenAt: T0,
      lastSeenAt: T0 + 2 * MINUTE, severity: 'high', errorCode: 'MAP-17', hold: null,
      reopenCount: 0, version: 4,
    });
    const trail = await store.auditTrail(id);
    expect(trail.map((a) => [a.action, a.fromState, a.toState])).toEqual([
      ['raise', null, 'open'], ['acknowledge', 'open', 'acknowledged'],
      ['repeat', 'acknowledged', 'acknowledged'], ['repeat', 'acknowledged', 'acknowledged'],
    ]);
    expect(trail[2]?.detail).toEqual({ class: 'mapping', errorCode: 'MAP-18',
      fromState: 'acknowledged' });
  });

  it('holds a new exception as its classification says', async () => {
    const { store } = opened();
    expect((await raise(store, {}, { hold: 'prerequisite' })).hold).toBe('prerequisite');
  });

  it('resolves an open exception when its message is delivered', async () => {
    const { store } = opened();
    const id = idOf('msg-1');
    await raise(store, {}, { hold: 'prerequisite' });
    await store.recordEvents([event({ stage: 'delivered', eventTime: T0 + 3 * MINUTE,
      receivedAt: T0 + 3 * MINUTE + 100 })]);

    expect(await store.getException(id)).toMatchObject({ state: 'resolved',
      resolution: 'delivered', resolvedAt: T0 + 3 * MINUTE + 100, hold: null, version: 2 });
    expect((await store.auditTrail(id))[1]).toEqual({
      id: expect.any(Number), exceptionId: id, at: T0 + 3 * MINUTE + 100, actor: 'syncgov',
      tokenName: null, action: 'resolve', fromState: 'open', toState: 'resolved',
      reason: 'delivered message msg-1',
      detail: { stage: 'delivered', eventTime: new Date(T0 + 3 * MINUTE).toISOString() },
    });
  });

  it('resolves an open exception only by a delivery of its own message', async () => {
    const { store } = opened();
    const id = idOf('msg-1');
    await raise(store);
    await store.recordEvents([event({ messageId: 'msg-2', stage: 'delivered' })]);
    expect((await store.getException(id))?.state).toBe('open');

    await store.recordEvents([event({ stage: 'delivered', eventTime: T0 + MINUTE })]);
    expect(await store.getException(id))
      .toMatchObject({ state: 'resolved', resolution: 'delivered' });
  });

  it('verifies a replay by a delivery of its business key on the same interface', async () => {
    const { store } = opened();
    const id = idOf('msg-1');
    await raise(store);
    const { replay } = await store.applyChange(replayChange(id));
    await store.recordEvents([
      event({ messageId: 'other-itf', interfaceId: 'erp-wms-goods', stage: 'delivered' }),
      event({ messageId: 'other-key', stage: 'delivered', businessKey: key('PO-2'),
        businessKeys: [key('PO-2')] }),
    ]);
    expect((await store.getException(id))?.state).toBe('replaying');

    await store.recordEvents([event({ messageId: 'msg-2', stage: 'delivered' })]);
    expect(await store.getException(id))
      .toMatchObject({ state: 'resolved', resolution: 'replay_verified' });
    expect((await store.getReplay(replay!.id))?.state).toBe('verified');
    expect((await store.auditTrail(id)).at(-1)?.reason).toBe('delivered message msg-2');
  });

  it.each(['sending', 'sent'] as const)(
    'verifies a replay (ledger %s) when a delivery follows it', async (ledger) => {
      const { store } = opened();
      const id = idOf('msg-1');
      await raise(store);
      const { replay } = await store.applyChange(replayChange(id));
      if (ledger === 'sent') {
        await store.settleReplay(replay!.id, ['sending'],
          { state: 'sent', at: T0 + 6 * MINUTE, verifyDeadline: T0 + 20 * MINUTE });
      }
      await store.recordEvents([event({ stage: 'delivered', eventTime: T0 + 7 * MINUTE,
        receivedAt: T0 + 7 * MINUTE + 5 })]);

      expect(await store.getException(id)).toMatchObject({ state: 'resolved',
        resolution: 'replay_verified', resolvedAt: T0 + 7 * MINUTE + 5 });
      expect(await store.getReplay(replay!.id))
        .toMatchObject({ state: 'verified', settledAt: T0 + 7 * MINUTE + 5 });
      expect((await store.auditTrail(id)).at(-1)).toMatchObject({ action: 'verify',
        fromState: 'replaying', toState: 'resolved', actor: 'syncgov' });
    });

  it('re-opens a resolved exception that fails again, forgetting its correction', async () => {
    const { store } = opened();
    const id = idOf('msg-1');
    await raise(store, { eventTime: T0 });
    await store.applyChange({ exceptionId: id, from: ['open'], to: 'open',
      set: { correctedBy: 'steward', correctedAt: T0 + MINUTE }, audit: audit() });
    await store.recordEvents([event({ stage: 'delivered', eventTime: T0 + MINUTE })]);
    await store.recordEvents([failure({ eventTime: T0 + 10 * MINUTE },
      { hold: 'prerequisite' })]);

    expect(await store.getException(id)).toMatchObject({ state: 'open', reopenCount: 1,
      resolution: null, resolvedAt: null, hold: 'prerequisite', occurrences: 2, version: 4,
      lastSeenAt: T0 + 10 * MINUTE, correctedBy: null, correctedAt: null });
    expect((await store.auditTrail(id)).map((a) => [a.action, a.fromState, a.toState]))
      .toEqual([['raise', null, 'open'], ['acknowledge', 'open', 'open'],
        ['resolve', 'open', 'resolved'], ['reopen', 'resolved', 'open']]);
  });

  it('keeps a correction and an escalated severity through a repeat', async () => {
    const { store } = opened();
    const id = idOf('msg-1');
    await raise(store, { eventTime: T0 });
    await store.applyChange({ exceptionId: id, from: ['open'], to: 'open',
      set: { correctedBy: 'steward', correctedAt: T0 + MINUTE, severity: 'critical',
        escalated: true }, audit: audit({ action: 'escalate' }) });
    await store.recordEvents([failure({ eventTime: T0 + 2 * MINUTE }, { severity: 'low' })]);

    expect(await store.getException(id)).toMatchObject({ state: 'open', severity: 'critical',
      escalated: true, correctedBy: 'steward', correctedAt: T0 + MINUTE, occurrences: 2 });
  });

  it('fails the active replay and re-opens when the message fails during a replay', async () => {
    const { store } = opened();
    const id = idOf('msg-1');
    await raise(store, { eventTime: T0 });
    const { replay } = await store.applyChange(replayChange(id));
    await store.recordEvents([failure({ eventTime: T0 + 10 * MINUTE,
      receivedAt: T0 + 10 * MINUTE + 7 })]);

    expect(await store.getReplay(replay!.id))
      .toMatchObject({ state: 'failed', settledAt: T0 + 10 * MINUTE + 7 });
    expect(await store.getException(id))
      .toMatchObject({ state: 'open', reopenCount: 1, replayCount: 1 });
    expect((await store.auditTrail(id)).at(-1))
      .toMatchObject({ action: 'reopen', fromState: 'replaying', toState: 'open',
        detail: { fromState: 'replaying' } });
  });

  it('marks a target system down on an outage and up on its next delivery', async () => {
    const { store } = opened();
    const outage = { class: 'upstream_outage' as const };
    await store.recordEvents([
      failure({ messageId: 'a', eventTime: T0 }, outage),
      failure({ messageId: 'b', eventTime: T0 + 5 * MINUTE }, outage),
      failure({ messageId: 'c', targetSystem: 'wms', eventTime: T0 + MINUTE }, outage),
      failure({ messageId: 'd', targetSystem: null }, outage),
      failure({ messageId: 'e', targetSystem: 'eam' }),
    ]);
    expect(await store.systemStatus()).toEqual([
      { system: 'erp', plant: PLANT, downSince: T0 },
      { system: 'wms', plant: PLANT, downSince: T0 + MINUTE },
    ]);

    await store.recordEvents([event({ messageId: 'f', stage: 'delivered',
      businessKey: key('PO-9'), businessKeys: [key('PO-9')] })]);
    expect(await store.systemStatus()).toEqual([
      { system: 'erp', plant: PLANT, downSince: null },
      { system: 'wms', plant: PLANT, downSince: T0 + MINUTE },
    ]);
  });

  it('counts unresolved exceptions by plant, process, class, severity, owner and state, with the oldest',
    async () => {
      const { store } = opened();
      const own = (value: string) => ({ businessKey: key(value), businessKeys: [key(value)] });
      await store.recordEvents([
        failure({ messageId: 'm1', ...own('PO-1') }),
        failure({ messageId: 'm2', eventTime: T0 + MINUTE, ...own('PO-2') }),
        failure({ messageId: 'm3', ...own('PO-3') },
          { class: 'transient', severity: 'medium', owner: 'integration-ops' }),
        failure({ messageId: 'm4', ...own('PO-4') }),
        event({ messageId: 'm4', stage: 'delivered', eventTime: T0 + MINUTE, ...own('PO-4') }),
      ]);
      await store.applyChange({ exceptionId: idOf('m3'), from: ['open'], to: 'acknowledged',
        audit: audit() });

      expect(sorted(await store.openExceptions())).toEqual(sorted([
        { plant: PLANT, process: PROCESS, class: 'mapping', severity: 'high',
          owner: 'integration-team', state: 'open', count: 2, oldestSeenAt: T0 },
        { plant: PLANT, process: PROCESS, class: 'transient', severity: 'medium',
          owner: 'integration-ops', state: 'acknowledged', count: 1, oldestSeenAt: T0 },
      ]));
    });
});
