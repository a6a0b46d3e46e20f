import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Badge, useStyles2 } from '@grafana/ui';

import { type TimelineEntry } from '../../api/types';
import { formatTime } from '../../display/format';
import { testIds } from '../testIds';

const KIND_COLOURS = { event: 'blue', replay: 'purple', audit: 'orange' } as const;

interface Props {
  entries: readonly TimelineEntry[];
}

/** The exception's story: lifecycle events, replays and audit records. */
export function Timeline({ entries }: Props) {
  const styles = useStyles2(getStyles);
  if (entries.length === 0) {
    return <p>No history recorded.</p>;
  }
  return (
    <ol className={styles.list} data-testid={testIds.drawer.timeline}>
      {entries.map((entry, index) => (
        <li key={`${entry.at}-${index}`} className={styles.entry} data-kind={entry.kind}>
          <time className={styles.time}>{formatTime(entry.at)}</time>
          <Badge text={entry.kind} color={KIND_COLOURS[entry.kind]} />
          <span>
            {entry.summary}
            {entry.actor && <span className={styles.actor}> by {entry.actor}</span>}
          </span>
        </li>
      ))}
    </ol>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  list: css({ listStyle: 'none', margin: 0, padding: 0 }),
  entry: css({
    display: 'grid',
    gridTemplateColumns: '170px 80px 1fr',
    gap: theme.spacing(1),
    alignItems: 'baseline',
    padding: theme.spacing(0.75, 0),
    borderBottom: `1px solid ${theme.colors.border.weak}`,
  }),
  time: css({
    fontFamily: theme.typography.fontFamilyMonospace,
    color: theme.colors.text.secondary,
  }),
  actor: css({ color: theme.colors.text.secondary }),
});
