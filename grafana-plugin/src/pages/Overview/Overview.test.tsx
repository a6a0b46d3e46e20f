import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';

import { backend } from '../../../test/support/fakeBackend';
import { catalog, impact } from '../../../test/support/fixtures';
import { renderApp, seen } from '../../../test/support/render';
import { testIds } from '../../components/testIds';

beforeEach(() => {
  backend
    .on('GET', /\/v1\/catalog$/, { body: catalog })
    .on('GET', /\/v1\/impact/, { body: impact });
});

describe('Overview', () => {
  it('shows severity as a word and a shape, with counts, age and SLA breaches', async () => {
    renderApp('/a/syncgov-governance-app/overview');
    const cell = await screen.findByTestId(
      testIds.matrix.cell('berlin', 'production-confirmation')
    );
    expect(cell).toHaveAttribute('data-severity', 'critical');
    expect(cell).toHaveTextContent(
      '◆ Critical42 open3 SLA breachesoldest 3h 12m5 in flight€250K held'
    );
  });

  it('shows a served pair without trouble as OK and an unserved pair as empty', async () => {
    renderApp('/a/syncgov-governance-app/overview');
    const quiet = await screen.findByTestId(
      testIds.matrix.cell('austin', 'production-confirmation')
    );
    expect(quiet).toHaveTextContent('✓ OK0 open');
    expect(screen.getByTestId(testIds.matrix.cell('austin', 'supplier-master'))).toHaveTextContent(
      'not served'
    );
  });

  it('adds up the whole organisation in the summary', async () => {
    renderApp('/a/syncgov-governance-app/overview');
    const summary = await screen.findByTestId(testIds.overview.summary);
    expect(within(summary).getByText('Open exceptions').nextSibling).toHaveTextContent('42');
    expect(within(summary).getByText('Oldest open').nextSibling).toHaveTextContent('3h 12m');
  });

  it('drills into a plant, a process, or both', async () => {
    const user = userEvent.setup();
    renderApp('/a/syncgov-governance-app/overview');
    await user.click(await screen.findByTestId(testIds.matrix.plant('berlin')));
    expect(seen.location).toBe('/a/syncgov-governance-app/exceptions?plant=berlin');
  });

  it('opens a cell as the queue for that plant and process', async () => {
    const user = userEvent.setup();
    renderApp('/a/syncgov-governance-app/overview');
    await user.click(
      await screen.findByTestId(testIds.matrix.cell('berlin', 'production-confirmation'))
    );
    expect(seen.location).toBe(
      '/a/syncgov-governance-app/exceptions?plant=berlin&process=production-confirmation'
    );
  });

  it('becomes a control-free NOC wall in kiosk mode', async () => {
    renderApp('/a/syncgov-governance-app/overview?kiosk');
    const page = await screen.findByTestId(testIds.overview.page);
    await waitFor(() => expect(page).toHaveTextContent('Acme Manufacturing: integration health'));
    expect(page).toHaveAttribute('data-kiosk', 'true');
    expect(screen.queryByTestId(testIds.overview.kioskLink)).not.toBeInTheDocument();
    expect(page).toHaveTextContent('refreshes by itself');
  });

  it('says why when the collector cannot be reached', async () => {
    backend.on('GET', /\/v1\/impact/, { status: 502, body: { message: 'Bad Gateway' } });
    renderApp('/a/syncgov-governance-app/overview');
    expect(await screen.findByText(/Grafana could not reach the collector/)).toBeInTheDocument();
    expect(screen.getByText(/code COLLECTOR_UNREACHABLE/)).toBeInTheDocument();
  });
});
