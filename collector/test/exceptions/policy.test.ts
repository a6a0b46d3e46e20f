import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  failedEvent, idOf, startReplayScene, type ReplayScene,
} from '../support/exception-events.js';

type Detail = { replayPolicy: { decision: string; reason: string };
  allowedActions: { action: string; allowed: boolean; reason: string | null }[] };

describe('replay policy by exception class', () => {
  let scene: ReplayScene;

  beforeEach(async () => {
    scene = await startReplayScene();
  });

  afterEach(async () => {
    await scene.close();
  });

  const trail = (id: string) => scene.collector.store.auditTrail(id);
  const stored = async (id: string) => (await scene.collector.store.getException(id))!;

  async function detail(id: string, role = 'operator', user?: string): Promise<Detail> {
    const response = await scene.collector.call(`/v1/exceptions/${id}`, { role, user });
    return await response.json() as Detail;
  }

  const replayAction = (d: Detail) => d.allowedActions.find((a) => a.action === 'replay');

  it('never replays a duplicate, and lets it be resolved', async () => {
    await scene.ingest([failedEvent('duplicate', { messageId: 'm-dup' })]);
    const id = idOf('m-dup');

    const refused = await scene.act(id, 'replay', { body: { reason: 'try anyway' } });

    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'SYNCGOV_POLICY_NEVER_REPLAY',
      message: 'duplicate or conflict: the target already has the document',
      field: 'class', value: 'duplicate' });
    expect(replayAction(await detail(id))).toEqual({ action: 'replay', allowed: false,
      reason: 'duplicate or conflict: the target already has the document' });
    expect(await stored(id)).toMatchObject({ state: 'open', replayCount: 0 });
    expect((await trail(id)).map((a) => a.action)).toEqual(['raise']);
    const resolved = await scene.act(id, 'resolve',
      { body: { reason: 'ERP has document 5000001234' } });
    expect(resolved.body.exception).toMatchObject({ state: 'resolved', resolution: 'fixed_at_source' });
    expect(scene.target.received).toHaveLength(0);
  });

  it('blocks invalid master data until the source record is marked corrected', async () => {
    const payload = { order: 'PO-5', material: 'MAT-0042', quantity: 3 };
    await scene.ingest([failedEvent('invalid_master_data', { messageId: 'm-md', key: 'PO-5', payload })]);
    const id = idOf('m-md');

    const blocked = await scene.act(id, 'replay', { body: { reason: 'retry' } });
    expect(blocked.status).toBe(409);
    expect(blocked.body).toMatchObject({ code: 'SYNCGOV_POLICY_BLOCKED',
      message: 'blocked until the source record is marked corrected' });
    expect(scene.target.received).toHaveLength(0);

    const corrected = await scene.act(id, 'mark-corrected',
      { user: 'steward-sam', body: { reason: 'MAT-0042 created in ERP' } });
    expect(corrected.status).toBe(200);
    expect(corrected.body.exception).toMatchObject({ state: 'open', correctedBy: 'steward-sam',
      replayPolicy: { decision: 'allowed', reason: 'source record corrected by steward-sam' } });
    expect((await trail(id)).at(-1)).toMatchObject({ actor: 'steward-sam',
      action: 'mark-corrected', fromState: 'open', toState: 'open',
      reason: 'MAT-0042 created in ERP' });

    const sent = await scene.act(id, 'replay', { user: 'olga', body: { reason: 'reprocess' } });
    expect(sent.body.status).toBe('sent');
    expect(scene.target.received).toHaveLength(1);
    expect(JSON.parse(scene.target.received[0]!.body)).toEqual(payload);
  });

  it('blocks invalid master data again when the corrected message fails again', async () => {
    await scene.ingest([failedEvent('invalid_master_data', { messageId: 'm-md2', key: 'PO-6' })]);
    const id = idOf('m-md2');
    await scene.act(id, 'mark-corrected', { user: 'steward-sam' });
    expect((await scene.act(id, 'replay', { body: { reason: 'reprocess' } })).body.status)
      .toBe('sent');

    await scene.ingest([failedEvent('invalid_master_data',
      { messageId: 'm-md2', key: 'PO-6', agoMs: 1_000 })]);

    expect(await stored(id)).toMatchObject({ state: 'open', reopenCount: 1 });
    const again = await scene.act(id, 'replay', { body: { reason: 'once more' } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('SYNCGOV_POLICY_BLOCKED');
    expect(scene.target.received).toHaveLength(1);
  });

  describe('posting-rule rejection (four eyes)', () => {
    let id: string;

    beforeEach(async () => {
      await scene.ingest([failedEvent('posting_rule', { messageId: 'm-post', key: 'PO-9' })]);
      id = idOf('m-post');
    });

    it('waits for approval when asked for a replay, sending nothing', async () => {
      const asked = await scene.act(id, 'replay',
        { user: 'alice', body: { reason: 'period 11 reopened by finance' } });

      expect(asked.status).toBe(200);
      expect(asked.body).toMatchObject({ status: 'awaiting_approval', replay: null,
        exception: { state: 'awaiting_approval', replayRequestedBy: 'alice' } });
      expect((await trail(id)).at(-1)).toMatchObject({ actor: 'alice', action: 'request_approval',
        fromState: 'open', toState: 'awaiting_approval', reason: 'period 11 reopened by finance' });
      const twice = await scene.act(id, 'replay', { user: 'alice', body: { reason: 'again' } });
      expect(twice.status).toBe(409);
      expect(twice.body.code).toBe('SYNCGOV_TRANSITION_INVALID');
      expect(scene.target.received).toHaveLength(0);
    });

    it('refuses approval by the person who asked, whatever their role', async () => {
      await scene.act(id, 'replay', { user: 'alice', body: { reason: 'period reopened' } });

      const self = await scene.act(id, 'approve',
        { role: 'approver', user: 'alice', body: { reason: 'looks right to me' } });
      const operator = await scene.act(id, 'approve',
        { role: 'operator', user: 'bob', body: { reason: 'fine' } });

      expect(self.status).toBe(403);
      expect(self.body).toMatchObject({ code: 'SYNCGOV_POLICY_FOUR_EYES',
        message: 'alice asked for this replay and cannot approve it too' });
      expect(operator.status).toBe(403);
      expect(operator.body.code).toBe('SYNCGOV_AUTH_ROLE_FORBIDDEN');
      const seenByAlice = await detail(id, 'approver', 'alice');
      expect(seenByAlice.allowedActions.find((a) => a.action === 'approve')).toEqual({
        action: 'approve', allowed: false,
        reason: 'you asked for this replay: a second person must approve' });
      expect(await stored(id)).toMatchObject({ state: 'awaiting_approval', approvedBy: null });
      expect(scene.target.received).toHaveLength(0);
    });

    it('refuses approval by the same token when no Grafana user is named', async () => {
      await scene.act(id, 'replay', { role: 'admin', body: { reason: 'period reopened' } });

      const same = await scene.act(id, 'approve', { role: 'admin', body: { reason: 'ok' } });

      expect(same.status).toBe(403);
      expect(same.body.code).toBe('SYNCGOV_POLICY_FOUR_EYES');
    });

    it('needs a reason to approve', async () => {
      await scene.act(id, 'replay', { user: 'alice', body: { reason: 'period reopened' } });

      const bare = await scene.act(id, 'approve', { role: 'approver', user: 'bob' });

      expect(bare.status).toBe(400);
      expect(bare.body.code).toBe('SYNCGOV_REASON_REQUIRED');
      expect(await stored(id)).toMatchObject({ state: 'awaiting_approval' });
      expect(scene.target.received).toHaveLength(0);
    });

    it('sends once when a second person approves, recording both', async () => {
      await scene.act(id, 'replay', { user: 'alice', body: { reason: 'period reopened' } });

      const approved = await scene.act(id, 'approve',
        { role: 'approver', user: 'bob', body: { reason: 'checked the posting period' } });

      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({ status: 'sent',
        replay: { attempt: 1, idempotencyKey: `syncgov:${id}:1`, requestedBy: 'alice',
          approvedBy: 'bob', reason: 'period reopened' },
        exception: { state: 'replaying', approvedBy: 'bob', replayRequestedBy: 'alice' } });
      expect(scene.target.received.map((r) => r.idempotencyKey)).toEqual([`syncgov:${id}:1`]);
      expect((await trail(id)).slice(-2)).toEqual([
        expect.objectContaining({ actor: 'bob', tokenName: 'demo-approver', action: 'approve',
          fromState: 'awaiting_approval', toState: 'approved',
          reason: 'checked the posting period' }),
        expect.objectContaining({ actor: 'bob', action: 'replay', fromState: 'approved',
          toState: 'replaying', reason: 'period reopened' }),
      ]);
      const late = await scene.act(id, 'approve',
        { role: 'approver', user: 'carol', body: { reason: 'me too' } });
      expect(late.status).toBe(409);
      expect(scene.target.received).toHaveLength(1);
    });

    it('returns to open on reject, and a new replay asks for approval again', async () => {
      await scene.act(id, 'replay', { user: 'alice', body: { reason: 'period reopened' } });
      await scene.act(id, 'reject', { role: 'approver', user: 'bob',
        body: { reason: 'period stays closed until the audit' } });

      expect(await stored(id)).toMatchObject({ state: 'open', replayRequestedBy: null });
      const again = await scene.act(id, 'replay', { user: 'alice', body: { reason: 'audit done' } });
      expect(again.body).toMatchObject({ status: 'awaiting_approval',
        exception: { state: 'awaiting_approval', replayRequestedBy: 'alice' } });
      expect(scene.target.received).toHaveLength(0);
    });
  });
});
