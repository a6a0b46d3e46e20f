import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import { type ReplayJob } from '../../api/types';
import { formatCount } from '../../display/format';
import { testIds } from '../testIds';
import { progressOf } from './progress';

/** A bulk replay under way: a bar, and what came of each message so far. */
export function JobProgress({ job }: { job: ReplayJob }) {
  const progress = progressOf(job);
  const share = job.total === 0 ? 1 : progress.handled / job.total;
  const styles = useStyles2(getStyles, share);
  return (
    <div data-testid={testIds.bulk.progress} data-state={job.state} data-done={progress.handled}>
      <div
        className={styles.track}
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={job.total}
        aria-valuenow={progress.handled}
      >
        <div className={styles.bar} />
      </div>
      <p>
        {job.state === 'running' ? 'Replaying' : `Replay ${job.state}`}:{' '}
        {formatCount(progress.handled)} of {formatCount(job.total)} handled,{' '}
        {formatCount(progress.delivered)} sent, {formatCount(progress.failed)} failed or unknown,{' '}
        {formatCount(progress.skipped)} skipped or held.
      </p>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2, share: number) => ({
  track: css({
    height: 12,
    borderRadius: theme.shape.radius.pill,
    background: theme.colors.background.secondary,
    overflow: 'hidden',
  }),
  bar: css({
    width: `${Math.round(share * 100)}%`,
    height: '100%',
    background: theme.colors.primary.main,
    transition: 'width 0.3s',
  }),
});
