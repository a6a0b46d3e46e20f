import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';

import { backend } from '../../../test/support/fakeBackend';
import { detail } from '../../../test/support/fixtures';
import { grant } from '../../../test/support/user';
import { testIds } from '../testIds';
import { ReplayConfirmModal } from './ReplayConfirmModal';

function open(onReplayed = vi.fn()) {
  render(
    <MemoryRouter>
      <ReplayConfirmModal exceptionId="exc-1" onDismiss={vi.fn()} onReplayed={onReplayed} />
    </MemoryRouter>
  );
  return onReplayed;
}

const replayed = {
  status: 'sent',
  exception: detail({ state: 'replaying' }),
  replay: {
    id: 'rp-1',
    idempotencyKey: 'exc-1:1',
    state: 'sent',
    target: 'POST http://erp/confirm',
  },
};

describe('Replay confirmation', () => {
  it('shows the impact and what policy says before anything is sent', async () => {
    backend.on('GET', /exceptions\/exc-1$/, { body: detail() });
    open();
    const policy = await screen.findByTestId(testIds.replayConfirm.policy);
    expect(policy).toHaveTextContent('Policy: Replay allowed');
    expect(policy).toHaveTextContent('sent once to the target, with an idempotency key');
    expect(screen.getByText('productionOrder:1000123')).toBeInTheDocument();
    expect(screen.getByText('delivery:80017')).toBeInTheDocument();
    expect(backend.callsTo('POST', /.*/)).toHaveLength(0);
  });

  it('sends one request however often the button is clicked', async () => {
    const user = userEvent.setup();
    backend.on('GET', /exceptions\/exc-1$/, { body: detail() });
    backend.on('POST', /actions\/replay\//, { body: replayed });
    const onReplayed = open();
    const button = await screen.findByTestId(testIds.replayConfirm.confirm);
    await user.dblClick(button);
    await user.click(button);
    expect(await screen.findByTestId(testIds.replayConfirm.outcome)).toHaveTextContent(
      'Replay sent once; the success event that follows confirms it. Idempotency key exc-1:1.'
    );
    expect(backend.callsTo('POST', /actions\/replay\//)).toHaveLength(1);
    expect(backend.calls.at(-1)?.body).toEqual({
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(onReplayed).toHaveBeenCalledTimes(1);
    expect(button).toBeDisabled();
  });

  it('asks for approval instead of replaying when policy needs it', async () => {
    const review = detail({
      class: 'posting_rule',
      replayPolicy: {
        decision: 'needs_approval',
        reason: 'Posting-rule rejections need a business review.',
      },
    });
    backend.on('GET', /exceptions\/exc-1$/, { body: review });
    open();
    expect(await screen.findByTestId(testIds.replayConfirm.confirm)).toHaveTextContent(
      'Request approval'
    );
    expect(screen.getByTestId(testIds.replayConfirm.policy)).toHaveTextContent(
      'nothing is sent until it is approved'
    );
  });

  it("refuses a replay into an outage with the collector's reason", async () => {
    const outage = detail({
      class: 'upstream_outage',
      replayPolicy: { decision: 'target_down', reason: 'ERP is down since 07:40.' },
      allowedActions: [{ action: 'replay', allowed: false, reason: 'ERP is down since 07:40.' }],
    });
    backend.on('GET', /exceptions\/exc-1$/, { body: outage });
    open();
    expect(await screen.findByTestId(testIds.replayConfirm.confirm)).toBeDisabled();
    expect(screen.getByTestId(testIds.drawer.actionReason('replay'))).toHaveTextContent(
      'Replay unavailable: ERP is down since 07:40.'
    );
  });

  it('keeps a viewer from replaying even when the collector would allow it', async () => {
    grant('read');
    backend.on('GET', /exceptions\/exc-1$/, { body: detail() });
    open();
    expect(await screen.findByTestId(testIds.replayConfirm.confirm)).toBeDisabled();
    expect(screen.getByTestId(testIds.drawer.actionReason('replay'))).toHaveTextContent(
      'syncgov-governance-app.replays:create'
    );
  });

  it("shows the collector's refusal when another replay got there first", async () => {
    const user = userEvent.setup();
    backend.on('GET', /exceptions\/exc-1$/, { body: detail() });
    backend.on('POST', /actions\/replay\//, {
      status: 409,
      body: {
        statusCode: 409,
        code: 'SYNCGOV_REPLAY_IN_PROGRESS',
        error: 'Conflict',
        message: 'Already replaying.',
      },
    });
    const onReplayed = open();
    await user.click(await screen.findByTestId(testIds.replayConfirm.confirm));
    await waitFor(() => expect(screen.getByText('Already replaying.')).toBeInTheDocument());
    expect(screen.getByText('code SYNCGOV_REPLAY_IN_PROGRESS')).toBeInTheDocument();
    expect(onReplayed).not.toHaveBeenCalled();
  });
});
