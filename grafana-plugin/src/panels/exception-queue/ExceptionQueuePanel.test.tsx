import { type PanelProps, getDefaultTimeRange, LoadingState } from '@grafana/data';
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';

import { backend } from '../../../test/support/fakeBackend';
import { summary } from '../../../test/support/fixtures';
import { testIds } from '../../components/testIds';
import { ExceptionQueuePanel, panelFilter } from './ExceptionQueuePanel';
import { DEFAULT_QUEUE_OPTIONS, type QueueOptions } from './options';

const variables: Record<string, string> = { $plant: 'berlin', $process: '$__all' };
const replace = (value: string) => variables[value] ?? value;

describe('exception queue panel', () => {
  it('resolves dashboard variables and drops "All"', () => {
    const options = {
      ...DEFAULT_QUEUE_OPTIONS,
      plant: '$plant',
      process: '$process',
      state: 'open',
    };
    expect(panelFilter(options, replace)).toEqual({ plant: 'berlin', state: 'open' });
  });

  it('lists the queue with the same replay button as the app', async () => {
    backend.on('GET', /\/v1\/exceptions\?/, {
      body: { items: [summary()], nextCursor: null, total: 7 },
    });
    const props = {
      options: { ...DEFAULT_QUEUE_OPTIONS, plant: '$plant' },
      width: 600,
      height: 300,
      replaceVariables: replace,
      data: { series: [], state: LoadingState.Done, timeRange: getDefaultTimeRange() },
    } as unknown as PanelProps<QueueOptions>;
    render(
      <MemoryRouter>
        <ExceptionQueuePanel {...props} />
      </MemoryRouter>
    );
    expect(await screen.findByTestId(testIds.exceptions.rowReplay('exc-1'))).toBeEnabled();
    expect(screen.getByTestId(testIds.panel.queue)).toHaveTextContent('All 7 in the work queue');
    expect(backend.callsTo('GET', /\/v1\/exceptions\?/)[0]?.url).toContain(
      '/v1/exceptions?plant=berlin&limit=10'
    );
  });
});
