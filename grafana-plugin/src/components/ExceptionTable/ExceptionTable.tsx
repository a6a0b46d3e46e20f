import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Button, Tooltip, useStyles2 } from '@grafana/ui';

import { type ExceptionSummary } from '../../api/types';
import { rowReplayVerdict } from '../../access/access';
import { classLabel, decisionLabel, formatAge, stateLabel } from '../../display/format';
import { formatBusinessKey } from '../../links/links';
import { SeverityBadge } from '../SeverityBadge/SeverityBadge';
import { testIds } from '../testIds';

interface Props {
  items: readonly ExceptionSummary[];
  onOpen: (exception: ExceptionSummary) => void;
  onReplay: (exception: ExceptionSummary) => void;
  /** Fewer columns, for a dashboard panel. */
  compact?: boolean;
}

const COLUMNS = [
  'Severity',
  'Business key',
  'Interface',
  'Plant',
  'Process',
  'Class',
  'State',
  'Owner',
  'Age',
  'Replay policy',
  '',
];
const COMPACT = new Set(['Severity', 'Business key', 'Plant', 'Class', 'Age', '']);

/** The work queue: one row per exception, worst first as the collector sorts. */
export function ExceptionTable({ items, onOpen, onReplay, compact = false }: Props) {
  const styles = useStyles2(getStyles);
  const columns = compact ? COLUMNS.filter((name) => COMPACT.has(name)) : COLUMNS;
  return (
    <table className={styles.table} data-testid={testIds.exceptions.table}>
      <thead>
        <tr>
          {columns.map((name) => (
            <th key={name} scope="col" className={styles.head}>
              {name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <Row key={item.id} item={item} compact={compact} onOpen={onOpen} onReplay={onReplay} />
        ))}
      </tbody>
    </table>
  );
}

interface RowProps {
  item: ExceptionSummary;
  compact: boolean;
  onOpen: (exception: ExceptionSummary) => void;
  onReplay: (exception: ExceptionSummary) => void;
}

function Row({ item, compact, onOpen, onReplay }: RowProps) {
  const styles = useStyles2(getStyles);
  return (
    <tr className={styles.row} data-testid={testIds.exceptions.row(item.id)}>
      <td>
        <SeverityBadge severity={item.severity} />
      </td>
      <td>
        <button type="button" className={styles.open} onClick={() => onOpen(item)}>
          {formatBusinessKey(item.businessKey)}
        </button>
      </td>
      {!compact && <td>{item.interface}</td>}
      <td>{item.plant}</td>
      {!compact && <td>{item.process}</td>}
      <td>{classLabel(item.class)}</td>
      {!compact && <td>{stateLabel(item.state)}</td>}
      {!compact && <td>{item.owner}</td>}
      <td>{formatAge(item.ageSeconds)}</td>
      {!compact && (
        <td title={item.replayPolicy.reason}>{decisionLabel(item.replayPolicy.decision)}</td>
      )}
      <td>
        <ReplayButton item={item} onReplay={onReplay} />
      </td>
    </tr>
  );
}

function ReplayButton({ item, onReplay }: Pick<RowProps, 'item' | 'onReplay'>) {
  const verdict = rowReplayVerdict(item);
  const button = (
    <Button
      size="sm"
      icon="history"
      variant={verdict.allowed ? 'primary' : 'secondary'}
      disabled={!verdict.allowed}
      onClick={() => onReplay(item)}
      data-testid={testIds.exceptions.rowReplay(item.id)}
      aria-label={`Replay ${formatBusinessKey(item.businessKey)}`}
    >
      Replay
    </Button>
  );
  if (verdict.allowed) {
    return button;
  }
  return (
    <Tooltip content={verdict.reason ?? 'Replay unavailable'}>
      <span>{button}</span>
    </Tooltip>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  table: css({
    width: '100%',
    borderCollapse: 'collapse',
    'td, th': { padding: theme.spacing(0.75, 1), textAlign: 'left' },
  }),
  head: css({
    color: theme.colors.text.secondary,
    fontWeight: theme.typography.fontWeightMedium,
    borderBottom: `1px solid ${theme.colors.border.medium}`,
  }),
  row: css({
    borderBottom: `1px solid ${theme.colors.border.weak}`,
    '&:hover': { background: theme.colors.action.hover },
  }),
  open: css({
    all: 'unset',
    cursor: 'pointer',
    color: theme.colors.text.link,
    fontFamily: theme.typography.fontFamilyMonospace,
    '&:hover, &:focus-visible': { textDecoration: 'underline' },
  }),
});
