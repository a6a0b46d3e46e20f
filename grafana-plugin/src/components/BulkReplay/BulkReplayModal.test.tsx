import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { backend } from '../../../test/support/fakeBackend';
import { testIds } from '../testIds';
import { BulkReplayModal } from './BulkReplayModal';

const plan = {
  count: 17,
  replayable: 14,
  plants: ['berlin'],
  processes: ['production-confirmation'],
  interfaces: ['mes-erp-confirmation'],
  businessKeys: ['productionOrder:1', 'productionOrder:2'],
  businessKeyCount: 16,
  oldestAgeSeconds: 7200,
  duplicateRisk: {
    level: 'low',
    count: 1,
    reasons: ['1 already replaying: skipped, never sent twice'],
  },
  heldBack: [{ decision: 'target_down', reason: 'the target system is down', count: 3 }],
};
const counts = { pending: 10, sent: 4, unknown: 0, failed: 0, skipped: 0, held: 0, cancelled: 0 };
const job = { id: 'job-1', state: 'running', total: 14, counts };

describe('Bulk replay', () => {
  it('shows the plan first: count, plants, processes, keys, age, risk and what is held back', async () => {
    backend.on('POST', /bulk-replay\/plan$/, { body: plan });
    render(
      <BulkReplayModal filter={{ plant: 'berlin' }} onDismiss={vi.fn()} onFinished={vi.fn()} />
    );
    const view = await screen.findByTestId(testIds.bulk.plan);
    expect(view).toHaveTextContent('17 exceptions match; 14 can be replayed now');
    expect(view).toHaveTextContent('productionOrder:1, productionOrder:2 and 14 more');
    expect(view).toHaveTextContent('2h');
    expect(view).toHaveTextContent('low: 1 already replaying: skipped, never sent twice');
    expect(view).toHaveTextContent('3: the target system is down');
    expect(backend.callsTo('POST', /plan$/)[0]?.body).toEqual({ filter: { plant: 'berlin' } });
    expect(backend.callsTo('POST', /jobs/)).toHaveLength(0);
  });

  it('starts once on confirm, shows progress, and cancels', async () => {
    const user = userEvent.setup();
    backend
      .on('POST', /bulk-replay\/plan$/, { body: plan })
      .on('POST', /bulk-replay\/jobs$/, { body: job })
      .on('GET', /v1\/replays\/jobs\/job-1$/, {
        body: { ...job, counts: { ...counts, pending: 5, sent: 9 } },
      })
      .on('POST', /bulk-replay\/jobs\/job-1\/cancel$/, {
        body: {
          ...job,
          state: 'cancelled',
          counts: { ...counts, pending: 0, sent: 9, cancelled: 5 },
        },
      });
    const onFinished = vi.fn();
    render(
      <BulkReplayModal filter={{ plant: 'berlin' }} onDismiss={vi.fn()} onFinished={onFinished} />
    );
    await user.dblClick(await screen.findByTestId(testIds.bulk.start));
    expect(await screen.findByTestId(testIds.bulk.progress)).toHaveTextContent(
      '4 of 14 handled, 4 sent'
    );
    await waitFor(
      () => expect(screen.getByTestId(testIds.bulk.progress)).toHaveTextContent('9 of 14'),
      {
        timeout: 3000,
      }
    );
    await user.click(screen.getByTestId(testIds.bulk.cancel));
    await waitFor(() =>
      expect(screen.getByTestId(testIds.bulk.progress)).toHaveAttribute('data-state', 'cancelled')
    );
    expect(backend.callsTo('POST', /bulk-replay\/jobs$/)).toHaveLength(1);
    expect(onFinished).toHaveBeenCalledTimes(1);
  });
});
