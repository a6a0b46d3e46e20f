import { describe, expect, it } from 'vitest';
import { ChangeConflictError } from '../../../src/store/exception-store.js';
import type { ReplayRecord } from '../../../src/store/exception-store.js';
import type { Store } from '../../../src/store/store.js';
import { backends, useStore } from './backends.js';
import { audit, idOf, key, MINUTE, newReplay, raise, replayChange, T0 } from './fixtures.js';

const id = idOf('msg-1');

/** Raises an exception for `messageId` and starts a replay of it. */
async function replaying(store: Store, messageId = 'msg-1'): Promise<ReplayRecord> {
  await raise(store, { messageId, businessKey: key(`PO-${messageId}`),
    businessKeys: [key(`PO-${messageId}`)] });
  const { replay } = await store.applyChange(replayChange(idOf(messageId),
    { replay: newReplay({ requestId: `req-${messageId}` }) }));
  return replay as ReplayRecord;
}

describe.each(backends())('the $name store settles replays', (backend) => {
  const opened = useStore(backend);

  it('records a send as sent, with when, the answer and the verification deadline', async () => {
    const { store } = opened();
    const replay = await replaying(store);

    expect(await store.settleReplay(replay.id, ['sending'], { state: 'sent',
      at: T0 + 6 * MINUTE, responseStatus: 202, verifyDeadline: T0 + 11 * MINUTE })).toBe(true);
    expect(await store.getReplay(replay.id)).toEqual({ ...replay, state: 'sent',
      sentAt: T0 + 6 * MINUTE, settledAt: T0 + 6 * MINUTE, responseStatus: 202,
      verifyDeadline: T0 + 11 * MINUTE, error: null });
  });

  it('counts an unknown outcome as sent, and a failure as never sent', async () => {
    const { store } = opened();
    const unknown = await replaying(store, 'a');
    const failed = await replaying(store, 'b');
    await store.settleReplay(unknown.id, ['sending'], { state: 'unknown', at: T0 + 6 * MINUTE,
      error: 'timeout after 10000 ms', verifyDeadline: T0 + 11 * MINUTE });
    await store.settleReplay(failed.id, ['sending'], { state: 'failed', at: T0 + 7 * MINUTE,
      responseStatus: 400, error: 'HTTP 400' });

    expect(await store.getReplay(unknown.id)).toMatchObject({ state: 'unknown',
      sentAt: T0 + 6 * MINUTE, responseStatus: null, error: 'timeout after 10000 ms' });
    expect(await store.getReplay(failed.id)).toMatchObject({ state: 'failed', sentAt: null,
      settledAt: T0 + 7 * MINUTE, responseStatus: 400, error: 'HTTP 400' });
  });

  it('settles only from the given states and keeps what a later settlement leaves out',
    async () => {
      const { store } = opened();
      const replay = await replaying(store);
      await store.settleReplay(replay.id, ['sending'], { state: 'sent', at: T0 + 6 * MINUTE,
        responseStatus: 202, verifyDeadline: T0 + 11 * MINUTE });
      const sent = await store.getReplay(replay.id);

      expect(await store.settleReplay(replay.id, ['sending'],
        { state: 'failed', at: T0 + 7 * MINUTE })).toBe(false);
      expect(await store.getReplay(replay.id)).toEqual(sent);

      expect(await store.settleReplay(replay.id, ['sent', 'unknown'],
        { state: 'unverified', at: T0 + 12 * MINUTE })).toBe(true);
      expect(await store.getReplay(replay.id)).toEqual({ ...sent, state: 'unverified',
        settledAt: T0 + 12 * MINUTE });
      expect(await store.settleReplay('no-such-replay', ['sending'],
        { state: 'sent', at: T0 })).toBe(false);
    });

  it('applies the change with the settlement, both or neither', async () => {
    const { store } = opened();
    const replay = await replaying(store);
    const back = { exceptionId: id, from: ['replaying' as const], to: 'open' as const,
      audit: audit({ action: 'replay_failed', actor: 'syncgov' }) };

    const err = await store.settleReplay(replay.id, ['sending'], { state: 'failed',
      at: T0 + 6 * MINUTE }, { ...back, from: ['awaiting_approval'] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChangeConflictError);
    expect(await store.getReplay(replay.id)).toEqual(replay);
    expect((await store.getException(id))?.state).toBe('replaying');

    expect(await store.settleReplay(replay.id, ['sending'], { state: 'failed',
      at: T0 + 6 * MINUTE }, back)).toBe(true);
    expect((await store.getReplay(replay.id))?.state).toBe('failed');
    expect((await store.getException(id))?.state).toBe('open');
    expect((await store.auditTrail(id)).at(-1)).toMatchObject({ action: 'replay_failed',
      fromState: 'replaying', toState: 'open' });
  });

  it('applies no change when the ledger row was settled meanwhile', async () => {
    const { store } = opened();
    const replay = await replaying(store);
    await store.settleReplay(replay.id, ['sending'], { state: 'verified', at: T0 + 6 * MINUTE });

    expect(await store.settleReplay(replay.id, ['sending'], { state: 'failed',
      at: T0 + 7 * MINUTE }, { exceptionId: id, from: ['replaying'], to: 'open',
      audit: audit() })).toBe(false);
    expect((await store.getException(id))?.state).toBe('replaying');
  });

  it('lists sent and unknown replays past their verification deadline, oldest first',
    async () => {
      const { store } = opened();
      const settle = async (messageId: string, state: 'sent' | 'unknown' | 'verified',
        deadline: number | null) => {
        const replay = await replaying(store, messageId);
        if (deadline !== null) {
          await store.settleReplay(replay.id, ['sending'], { state, at: T0,
            verifyDeadline: deadline });
        }
        return replay.id;
      };
      const late = await settle('a', 'sent', T0 + 10 * MINUTE);
      const later = await settle('b', 'unknown', T0 + 8 * MINUTE);
      await settle('c', 'sent', T0 + 20 * MINUTE);
      await settle('d', 'sent', null);
      await settle('e', 'verified', T0 + MINUTE);

      expect((await store.overdueReplays(T0 + 15 * MINUTE)).map((r) => r.id))
        .toEqual([later, late]);
      expect(await store.overdueReplays(T0 + 8 * MINUTE)).toEqual([]);
    });
});
