import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';

import { backend } from '../../../test/support/fakeBackend';
import { catalog, detail, summary } from '../../../test/support/fixtures';
import { renderApp, seen } from '../../../test/support/render';
import { grant } from '../../../test/support/user';
import { testIds } from '../../components/testIds';

const held = summary({
  id: 'exc-2',
  class: 'sequence_dependency',
  severity: 'medium',
  businessKey: { type: 'goodsReceipt', value: '5000001' },
  replayPolicy: { decision: 'held', reason: 'Waits for production order 1000123.' },
});

beforeEach(() => {
  backend
    .on('GET', /\/v1\/catalog$/, { body: catalog })
    .on('GET', /\/v1\/exceptions\?/, {
      body: { items: [summary(), held], nextCursor: null, total: 2 },
    })
    .on('GET', /\/v1\/exceptions\/exc-1$/, { body: detail() });
});

describe('Exceptions work queue', () => {
  it('sends the filter and business key from the URL to the collector', async () => {
    renderApp(
      '/a/syncgov-governance-app/exceptions?plant=berlin&businessKey=productionOrder:1000123'
    );
    expect(await screen.findByTestId(testIds.exceptions.total)).toHaveTextContent(
      '2 exceptions match'
    );
    expect(backend.callsTo('GET', /\/v1\/exceptions\?/)[0]?.url).toBe(
      '/api/plugin-proxy/syncgov-governance-app/v1/exceptions?plant=berlin&businessKey=productionOrder%3A1000123&limit=50'
    );
  });

  it('searches by business key and keeps the search in the URL', async () => {
    const user = userEvent.setup();
    renderApp('/a/syncgov-governance-app/exceptions');
    await user.type(
      await screen.findByTestId(testIds.exceptions.keySearch),
      'delivery:80017{Enter}'
    );
    expect(seen.location).toBe('/a/syncgov-governance-app/exceptions?businessKey=delivery%3A80017');
  });

  it('disables replay of a held exception and says why', async () => {
    renderApp('/a/syncgov-governance-app/exceptions');
    expect(await screen.findByTestId(testIds.exceptions.rowReplay('exc-1'))).toBeEnabled();
    expect(screen.getByTestId(testIds.exceptions.rowReplay('exc-2'))).toBeDisabled();
    const user = userEvent.setup();
    await user.hover(screen.getByTestId(testIds.exceptions.rowReplay('exc-2')).parentElement!);
    expect(await screen.findByText('Waits for production order 1000123.')).toBeInTheDocument();
  });

  it('disables every replay for a viewer, naming the missing permission', async () => {
    grant('read');
    renderApp('/a/syncgov-governance-app/exceptions');
    expect(await screen.findByTestId(testIds.exceptions.rowReplay('exc-1'))).toBeDisabled();
  });

  it('opens an exception at its own URL with timeline, masked payload and audit', async () => {
    const user = userEvent.setup();
    renderApp('/a/syncgov-governance-app/exceptions?plant=berlin');
    await user.click(await screen.findByText('productionOrder:1000123'));
    expect(seen.location).toBe('/a/syncgov-governance-app/exceptions/exc-1?plant=berlin');
    const drawer = await screen.findByTestId(testIds.drawer.root);
    expect(
      within(drawer).getByRole('link', { name: /4bf92f3577b34da6a3ce929d0e0e4736/ })
    ).toHaveAttribute('href', expect.stringMatching(/^\/explore\?schemaVersion=1&panes=/));
    await user.click(within(drawer).getByText('Payload'));
    expect(screen.getByTestId(testIds.drawer.payload)).toHaveTextContent('"name": "***"');
    await user.click(within(drawer).getByText('Audit'));
    expect(screen.getByTestId(testIds.drawer.timeline)).toHaveTextContent('acknowledged by ana');
    expect(screen.getByTestId(testIds.drawer.timeline)).not.toHaveTextContent('ERP answered 503');
  });

  it("shows refused actions disabled, with the collector's and Grafana's reasons", async () => {
    renderApp('/a/syncgov-governance-app/exceptions/exc-1');
    await screen.findByTestId(testIds.drawer.root);
    expect(await screen.findByTestId(testIds.drawer.action('approve'))).toBeDisabled();
    expect(screen.getByTestId(testIds.drawer.action('acknowledge'))).toBeEnabled();
    expect(screen.getByTestId(testIds.drawer.actionReason('approve'))).toHaveTextContent(
      'Approve: Your Grafana role lacks syncgov-governance-app.replays:approve; the syncgov Approver role grants it.'
    );
  });

  it('closes with a reason for the audit trail, and refuses without one', async () => {
    const user = userEvent.setup();
    backend.on('POST', /\/actions\/ignore\//, {
      body: { status: 'resolved', replay: null, exception: detail({ state: 'resolved' }) },
    });
    renderApp('/a/syncgov-governance-app/exceptions/exc-1');
    await user.click(await screen.findByTestId(testIds.drawer.action('ignore')));
    const confirm = await screen.findByTestId(testIds.drawer.action('ignore-confirm'));
    expect(confirm).toBeDisabled();
    await user.type(
      screen.getByRole('textbox', { name: /Reason/ }),
      'Duplicate of a manual posting'
    );
    await user.click(confirm);
    await waitFor(() => expect(backend.callsTo('POST', /ignore/)).toHaveLength(1));
    expect(backend.callsTo('POST', /ignore/)[0]?.body).toMatchObject({
      reason: 'Duplicate of a manual posting',
    });
  });
});
