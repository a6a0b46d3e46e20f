import { css } from '@emotion/css';
import { type GrafanaTheme2, type PanelProps } from '@grafana/data';
import { locationService } from '@grafana/runtime';
import { LoadingPlaceholder, TextLink, useStyles2 } from '@grafana/ui';
import { useState } from 'react';

import { type ExceptionFilter, type ExceptionSummary } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice/ErrorNotice';
import { ExceptionTable } from '../../components/ExceptionTable/ExceptionTable';
import { ReplayConfirmModal } from '../../components/ReplayConfirm/ReplayConfirmModal';
import { testIds } from '../../components/testIds';
import { formatCount } from '../../display/format';
import { useExceptionQueue } from '../../hooks/useExceptionQueue';
import { exceptionLink, exceptionsLink } from '../../links/links';
import { type QueueOptions } from './options';

/** Resolves dashboard variables; `All` and empty values do not filter. */
export function panelFilter(
  options: QueueOptions,
  replace: (value: string) => string
): ExceptionFilter {
  const filter: ExceptionFilter = {};
  for (const name of ['plant', 'process', 'interface', 'class', 'state'] as const) {
    const value = replace(options[name]).trim();
    if (value !== '' && value !== '$__all' && value.toLowerCase() !== 'all') {
      filter[name] = value;
    }
  }
  return filter;
}

/** The work queue on a dashboard, with the same governed replay as the app. */
export function ExceptionQueuePanel(props: PanelProps<QueueOptions>) {
  const { options, width, height, replaceVariables } = props;
  const styles = useStyles2(getStyles, width, height);
  const filter = panelFilter(options, replaceVariables);
  const queue = useExceptionQueue(filter, options.limit);
  const [replaying, setReplaying] = useState<ExceptionSummary>();

  return (
    <div className={styles.panel} data-testid={testIds.panel.queue}>
      {queue.first.error && (
        <ErrorNotice title="Cannot load exceptions" error={queue.first.error} />
      )}
      {!queue.first.data && !queue.first.error && <LoadingPlaceholder text="Loading exceptions" />}
      {queue.first.data && (
        <>
          <ExceptionTable
            items={queue.items}
            compact={width < 900}
            onOpen={(item) => locationService.push(exceptionLink(item.id))}
            onReplay={setReplaying}
          />
          <TextLink href={exceptionsLink(filter)} inline>
            {`All ${formatCount(queue.total)} in the work queue`}
          </TextLink>
        </>
      )}
      {replaying && (
        <ReplayConfirmModal
          exceptionId={replaying.id}
          onDismiss={() => setReplaying(undefined)}
          onReplayed={queue.first.reload}
        />
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2, width: number, height: number) => ({
  panel: css({
    width,
    height,
    overflow: 'auto',
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
  }),
});
