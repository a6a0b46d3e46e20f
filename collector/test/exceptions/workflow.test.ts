import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sample } from '../support/collector-harness.js';
import {
  deliveredEvent, failedEvent, idOf, startReplayScene, type ReplayScene,
} from '../support/exception-events.js';

const FLOW = 'interface="mes-erp-completion",plant="cz-pls",process="production-confirmation"';
const MAPPING_MESSAGE = 'Cannot map unit of measure "PAL" to the target format';

describe('exception workflow', () => {
  let scene: ReplayScene;

  beforeEach(async () => {
    scene = await startReplayScene();
  });

  afterEach(async () => {
    await scene.close();
  });

  const trail = (id: string) => scene.collector.store.auditTrail(id);
  const stored = async (id: string) => (await scene.collector.store.getException(id))!;
  const lastAudit = async (id: string) => (await trail(id)).at(-1);

  async function raise(messageId: string, key = 'PO-1', cls: 'mapping' | 'posting_rule' = 'mapping') {
    await scene.ingest([failedEvent(cls, { messageId, key })]);
    return idOf(messageId);
  }

  it('raises one open exception per failed message, with an audit line', async () => {
    const id = await raise('m-raise');

    const response = await scene.collector.call(`/v1/exceptions/${id}`, { role: 'viewer' });
    const body = await response.json() as Record<string, unknown>;
    expect(response.status).toBe(200);
    expect(body).toMatchObject({
      id, state: 'open', class: 'mapping', owner: 'integration-team', severity: 'critical',
      occurrences: 1, resolution: null, hold: null, escalated: false,
      link: `/a/syncgov-governance-app/exceptions/${id}`,
    });
    expect(await trail(id)).toEqual([expect.objectContaining({
      exceptionId: id, actor: 'syncgov', tokenName: null, action: 'raise',
      fromState: null, toState: 'open', reason: MAPPING_MESSAGE,
    })]);
  });

  it('acknowledges as the Grafana user, or else as the token, once', async () => {
    const first = await raise('m-ack-1', 'PO-1');
    const second = await raise('m-ack-2', 'PO-2');

    const byUser = await scene.act(first, 'acknowledge', { user: 'alice' });
    const byToken = await scene.act(second, 'acknowledge');
    const again = await scene.act(first, 'acknowledge', { user: 'bob' });

    expect(byUser.status).toBe(200);
    expect(byUser.body.status).toBe('acknowledged');
    expect(byToken.body.status).toBe('acknowledged');
    expect((await stored(first)).acknowledgedBy).toBe('alice');
    expect((await stored(second)).acknowledgedBy).toBe('demo-operator');
    expect(await lastAudit(first)).toMatchObject({ actor: 'alice', tokenName: 'demo-operator',
      action: 'acknowledge', fromState: 'open', toState: 'acknowledged', reason: null });
    expect(await lastAudit(second)).toMatchObject({ actor: 'demo-operator',
      tokenName: 'demo-operator', action: 'acknowledge', fromState: 'open', toState: 'acknowledged' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('SYNCGOV_TRANSITION_INVALID');
    expect(await trail(first)).toHaveLength(2);
  });

  it('assigns only with an assignee, keeping the state', async () => {
    const id = await raise('m-assign');
    await scene.act(id, 'acknowledge', { user: 'alice' });

    const missing = await scene.act(id, 'assign', { user: 'alice' });
    const assigned = await scene.act(id, 'assign',
      { user: 'alice', body: { assignee: 'mes-team', reason: 'their mapping' } });

    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ code: 'SYNCGOV_BODY_INVALID', field: 'assignee' });
    expect(assigned.status).toBe(200);
    expect(assigned.body.exception).toMatchObject({ state: 'acknowledged', assignee: 'mes-team' });
    expect(await lastAudit(id)).toMatchObject({ actor: 'alice', action: 'assign',
      fromState: 'acknowledged', toState: 'acknowledged', reason: 'their mapping',
      detail: { assignee: 'mes-team' } });
    expect(await trail(id)).toHaveLength(3);
  });

  it('resolves and ignores only with a reason, recording the resolution', async () => {
    const fixed = await raise('m-fix', 'PO-1');
    const ignored = await raise('m-ignore', 'PO-2');

    for (const body of [{}, { reason: '' }, { reason: '   ' }]) {
      for (const [id, action] of [[fixed, 'resolve'], [ignored, 'ignore']] as const) {
        const refused = await scene.act(id, action, { body });
        expect(refused.status).toBe(400);
        expect(refused.body).toMatchObject({ code: 'SYNCGOV_REASON_REQUIRED', field: 'reason' });
      }
    }
    const resolve = await scene.act(fixed, 'resolve',
      { user: 'carol', body: { reason: 'unit mapping corrected and reposted in ERP' } });
    const ignore = await scene.act(ignored, 'ignore',
      { body: { reason: 'test order, cancelled' } });

    expect(resolve.body.exception).toMatchObject({ state: 'resolved', resolution: 'fixed_at_source' });
    expect(ignore.body.exception).toMatchObject({ state: 'resolved', resolution: 'ignored' });
    expect(await trail(fixed)).toEqual([
      expect.objectContaining({ action: 'raise' }),
      expect.objectContaining({ actor: 'carol', tokenName: 'demo-operator', action: 'resolve',
        fromState: 'open', toState: 'resolved',
        reason: 'unit mapping corrected and reposted in ERP' }),
    ]);
    expect(await lastAudit(ignored)).toMatchObject({ actor: 'demo-operator', action: 'ignore',
      fromState: 'open', toState: 'resolved', reason: 'test order, cancelled' });
    expect((await scene.act(fixed, 'resolve', { body: { reason: 'again' } })).status).toBe(409);
  });

  it('rejects a replay awaiting approval only with a reason, back to open', async () => {
    const id = await raise('m-reject', 'PO-1', 'posting_rule');
    const asked = await scene.act(id, 'replay', { user: 'alice', body: { reason: 'period open' } });
    expect(asked.body.status).toBe('awaiting_approval');

    const bare = await scene.act(id, 'reject', { role: 'approver', user: 'bob' });
    const rejected = await scene.act(id, 'reject',
      { role: 'approver', user: 'bob', body: { reason: 'period 11 stays closed' } });

    expect(bare.status).toBe(400);
    expect(bare.body.code).toBe('SYNCGOV_REASON_REQUIRED');
    expect(rejected.status).toBe(200);
    expect(rejected.body.exception).toMatchObject({ state: 'open', replayRequestedBy: null });
    expect(await lastAudit(id)).toMatchObject({ actor: 'bob', tokenName: 'demo-approver',
      action: 'reject', fromState: 'awaiting_approval', toState: 'open',
      reason: 'period 11 stays closed' });
    expect(scene.target.received).toHaveLength(0);
  });

  it('re-opens a resolved exception when its message fails again', async () => {
    const id = await raise('m-again');
    await scene.act(id, 'ignore', { body: { reason: 'looked like noise' } });

    await scene.ingest([{ ...failedEvent('mapping', { messageId: 'm-again', agoMs: 1_000 }) }]);

    const e = await stored(id);
    expect(e).toMatchObject({ state: 'open', resolution: null, resolvedAt: null,
      occurrences: 2, reopenCount: 1 });
    expect(await lastAudit(id)).toMatchObject({ actor: 'syncgov', action: 'reopen',
      fromState: 'resolved', toState: 'open', reason: MAPPING_MESSAGE });
  });

  it('re-opens a replaying exception when the replayed message fails, failing its ledger row', async () => {
    const id = await raise('m-replay-fails');
    const first = await scene.act(id, 'replay', { body: { reason: 'mapping fixed' } });
    expect(first.body.status).toBe('sent');

    await scene.ingest([failedEvent('mapping', { messageId: 'm-replay-fails', agoMs: 1_000 })]);

    expect(await stored(id)).toMatchObject({ state: 'open', reopenCount: 1, occurrences: 2 });
    expect((await scene.collector.store.replaysOf(id)).map((r) => r.state)).toEqual(['failed']);
    expect(await lastAudit(id)).toMatchObject({ action: 'reopen', fromState: 'replaying',
      toState: 'open' });
    const second = await scene.act(id, 'replay', { body: { reason: 'mapping fixed, really' } });
    expect(second.body.replay).toMatchObject({ attempt: 2, idempotencyKey: `syncgov:${id}:2` });
    expect([...scene.target.receivedByKey().keys()])
      .toEqual([`syncgov:${id}:1`, `syncgov:${id}:2`]);
  });

  it('resolves as delivered when a later delivery for the business key arrives', async () => {
    const id = await raise('m-late', 'PO-77');

    await scene.ingest([deliveredEvent({ messageId: 'm-late', key: 'PO-77', agoMs: 1_000 })]);

    expect(await stored(id)).toMatchObject({ state: 'resolved', resolution: 'delivered' });
    expect(await lastAudit(id)).toMatchObject({ actor: 'syncgov', action: 'resolve',
      fromState: 'open', toState: 'resolved', reason: 'delivered message m-late' });
    expect(scene.target.received).toHaveLength(0);
  });

  it('verifies a replay by the delivery for the same key and interface', async () => {
    const id = await raise('m-verify', 'PO-88');
    const replayed = await scene.act(id, 'replay', { user: 'bob', body: { reason: 'mapping fixed' } });
    expect(replayed.body).toMatchObject({ status: 'sent',
      replay: { idempotencyKey: `syncgov:${id}:1`, requestedBy: 'bob', state: 'sent' } });
    expect(await stored(id)).toMatchObject({ state: 'replaying', replayCount: 1 });
    const [sent] = await scene.collector.store.replaysOf(id);
    expect(sent).toMatchObject({ state: 'sent', responseStatus: 200 });
    expect(sent!.verifyDeadline).toBe(sent!.settledAt! + 60_000);

    await scene.ingest([deliveredEvent({ messageId: 'm-verify-resent', key: 'PO-88', agoMs: 0 })]);

    expect(await stored(id)).toMatchObject({ state: 'resolved', resolution: 'replay_verified' });
    expect((await scene.collector.store.replaysOf(id)).map((r) => r.state)).toEqual(['verified']);
    expect(await lastAudit(id)).toMatchObject({ actor: 'syncgov', action: 'verify',
      fromState: 'replaying', toState: 'resolved' });
    expect(scene.target.received).toHaveLength(1);
  });

  it('re-opens a replay that no delivery confirmed by the latency objective', async () => {
    const id = await raise('m-unverified', 'PO-99');
    await scene.act(id, 'replay', { body: { reason: 'mapping fixed' } });
    const [sent] = await scene.collector.store.replaysOf(id);
    const deadline = sent!.verifyDeadline!;

    await scene.collector.automation.sweep(deadline);
    expect(await stored(id)).toMatchObject({ state: 'replaying' });

    await scene.collector.automation.sweep(deadline + 1);
    expect(await stored(id)).toMatchObject({ state: 'open', resolution: null });
    expect((await scene.collector.store.replaysOf(id)).map((r) => r.state)).toEqual(['unverified']);
    expect(await lastAudit(id)).toMatchObject({ actor: 'syncgov-policy', tokenName: null,
      action: 'unverified', fromState: 'replaying', toState: 'open',
      reason: 'no delivery reported within the latency objective after the replay' });
    const text = await (await fetch(`${scene.collector.url}/metrics`)).text();
    expect(sample(text, `syncgov_replays_total{${FLOW},result="sent"}`)).toBe(1);
    expect(sample(text, `syncgov_replays_total{${FLOW},result="unverified"}`)).toBe(1);
    expect(scene.target.received).toHaveLength(1);
  });

  it('keeps the audit log append-only', async () => {
    const id = await raise('m-audit');
    await scene.act(id, 'acknowledge', { user: 'alice' });
    const before = await trail(id);
    await scene.act(id, 'resolve', { user: 'alice', body: { reason: 'fixed in ERP' } });
    const after = await trail(id);

    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.map((a) => a.action)).toEqual(['raise', 'acknowledge', 'resolve']);
    const db = new Database(scene.sqlitePath);
    try {
      expect(() => db.prepare("UPDATE audit_log SET actor = 'mallory'").run())
        .toThrow('the audit log is append-only');
      expect(() => db.prepare('DELETE FROM audit_log').run())
        .toThrow('the audit log is append-only');
    } finally {
      db.close();
    }
    expect(await trail(id)).toEqual(after);
    const removed = await scene.collector.call(`/v1/exceptions/${id}/audit`, { method: 'DELETE' });
    expect(removed.status).toBe(404);
  });
});
