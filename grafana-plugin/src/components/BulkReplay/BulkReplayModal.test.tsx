import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { backend } from '../../../test/support/fakeBackend';
import { testIds } from '../testIds';
import { BulkReplayModal } from './BulkReplayModal';

const plan = {
  count: 14,
  plants: ['berlin'],
  processes: ['production-confirmation'],
  businessKeys: ['productionOrder:1', { type: 'productionOrder', value: '2' }],
  oldestAgeSeconds: 7200,
  duplicateRisk: false,
  heldBack: [{ reason: 'target down', count: 3 }],
};
const job = { id: 'job-1', state: 'running', total: 14, done: 4, delivered: 4, failed: 0, skipped: 0 };

describe('Bulk replay', () => {
  it('shows the plan first: count, plants, processes, keys, age, risk and what is held back', async () => {
    backend.on('POST', /bulk-replay\/plan$/, { body: plan });
    render(<BulkReplayModal filter={{ plant: 'berlin' }} onDismiss={vi.fn()} onFinished={vi.fn()} />);
    const view = await screen.findByTestId(testIds.bulk.plan);
    expect(view).toHaveTextContent('14 messages would be replayed');
    expect(view).toHaveTextContent('productionOrder:1, productionOrder:2');
    expect(view).toHaveTextContent('2h');
    expect(view).toHaveTextContent('3: target down');
    expect(backend.calls[0]?.body).toEqual({ filter: { plant: 'berlin' } });
    expect(backend.callsTo('POST', /jobs/)).toHaveLength(0);
  });

  it('starts once on confirm, shows progress, and cancels', async () => {
    const user = userEvent.setup();
    backend
      .on('POST', /bulk-replay\/plan$/, { body: plan })
      .on('POST', /bulk-replay\/jobs$/, { body: job })
      .on('GET', /v1\/replays\/jobs\/job-1$/, { body: { ...job, done: 9, delivered: 9 } })
      .on('POST', /bulk-replay\/jobs\/job-1\/cancel$/, { body: { ...job, state: 'cancelled', done: 9 } });
    const onFinished = vi.fn();
    render(<BulkReplayModal filter={{ plant: 'berlin' }} onDismiss={vi.fn()} onFinished={onFinished} />);
    await user.dblClick(await screen.findByTestId(testIds.bulk.start));
    expect(await screen.findByTestId(testIds.bulk.progress)).toHaveTextContent('4 of 14 handled');
    await waitFor(() => expect(screen.getByTestId(testIds.bulk.progress)).toHaveTextContent('9 of 14'), {
      timeout: 3000,
    });
    await user.click(screen.getByTestId(testIds.bulk.cancel));
    await waitFor(() => expect(screen.getByTestId(testIds.bulk.progress)).toHaveAttribute('data-state', 'cancelled'));
    expect(backend.callsTo('POST', /bulk-replay\/jobs$/)).toHaveLength(1);
    expect(onFinished).toHaveBeenCalledTimes(1);
  });
});
