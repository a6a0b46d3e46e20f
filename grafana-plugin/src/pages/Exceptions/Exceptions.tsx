import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { PluginPage } from '@grafana/runtime';
import { Button, LoadingPlaceholder, useStyles2 } from '@grafana/ui';
import { useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router-dom';

import { getCatalog } from '../../api/collector';
import { type ExceptionFilter, type ExceptionSummary } from '../../api/types';
import { BulkReplayModal } from '../../components/BulkReplay/BulkReplayModal';
import { ErrorNotice } from '../../components/ErrorNotice/ErrorNotice';
import { ExceptionDrawer } from '../../components/ExceptionDrawer/ExceptionDrawer';
import { ExceptionTable } from '../../components/ExceptionTable/ExceptionTable';
import { QueueFilters } from '../../components/QueueFilters/QueueFilters';
import { ReplayConfirmModal } from '../../components/ReplayConfirm/ReplayConfirmModal';
import { testIds } from '../../components/testIds';
import { formatCount } from '../../display/format';
import { useExceptionQueue } from '../../hooks/useExceptionQueue';
import { useLoad } from '../../hooks/useLoad';
import { exceptionLink, exceptionsLink, filterFromSearch } from '../../links/links';

/** The work queue; `/exceptions/<id>` opens one exception over it. */
export function Exceptions() {
  const styles = useStyles2(getStyles);
  const { id } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const filter = filterFromSearch(location.search);
  const catalog = useLoad(getCatalog, 'catalog');
  const queue = useExceptionQueue(filter);
  const [replaying, setReplaying] = useState<ExceptionSummary>();
  const [bulk, setBulk] = useState(false);

  const setFilter = (next: ExceptionFilter) => navigate(exceptionsLink(next), { replace: true });
  const open = (item: ExceptionSummary) => navigate(`${exceptionLink(item.id)}${location.search}`);
  const close = () => navigate(`${exceptionsLink()}${location.search}`);

  return (
    <PluginPage subTitle="Failed messages that need a decision, worst first">
      <div data-testid={testIds.exceptions.page} className={styles.page}>
        <QueueFilters catalog={catalog.data} filter={filter} onChange={setFilter} />
        {queue.first.error && (
          <ErrorNotice title="Cannot load exceptions" error={queue.first.error} />
        )}
        {queue.first.loading && !queue.first.data && (
          <LoadingPlaceholder text="Loading exceptions" />
        )}
        {queue.first.data && (
          <>
            <div className={styles.bar}>
              <p data-testid={testIds.exceptions.total} className={styles.total}>
                {formatCount(queue.total)} exception{queue.total === 1 ? '' : 's'} match
              </p>
              <Button
                icon="history"
                variant="secondary"
                size="sm"
                onClick={() => setBulk(true)}
                data-testid={testIds.exceptions.bulkReplay}
              >
                Replay all that match…
              </Button>
            </div>
            <ExceptionTable items={queue.items} onOpen={open} onReplay={setReplaying} />
            {queue.canLoadMore && (
              <Button
                variant="secondary"
                onClick={queue.loadMore}
                data-testid={testIds.exceptions.loadMore}
              >
                Load more
              </Button>
            )}
          </>
        )}
      </div>
      {id && <ExceptionDrawer exceptionId={id} onClose={close} onChanged={queue.first.reload} />}
      {replaying && (
        <ReplayConfirmModal
          exceptionId={replaying.id}
          onDismiss={() => setReplaying(undefined)}
          onReplayed={queue.first.reload}
        />
      )}
      {bulk && (
        <BulkReplayModal
          filter={toReplayFilter(filter)}
          onDismiss={() => setBulk(false)}
          onFinished={queue.first.reload}
        />
      )}
    </PluginPage>
  );
}

function toReplayFilter(filter: ExceptionFilter) {
  const { plant, process, interface: iface, class: kind, businessKey } = filter;
  return { plant, process, interface: iface, class: kind, businessKey };
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1) }),
  total: css({ color: theme.colors.text.secondary, margin: 0 }),
  bar: css({ display: 'flex', alignItems: 'center', gap: theme.spacing(2) }),
});
