import { css, cx } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import { type Severity } from '../../api/types';
import { formatCount } from '../../display/format';
import { severityLook } from '../../display/severity';
import { type MatrixCell } from './model';

interface Props {
  cell: MatrixCell | undefined;
  testId: string;
  large: boolean;
  emptyLabel: string;
  onClick: (() => void) | undefined;
}

/** One cell: severity colour, shape and word, the headline and its details. */
export function MatrixCellView({ cell, testId, large, emptyLabel, onClick }: Props) {
  const styles = useStyles2(getStyles, cell?.severity ?? 'none', large);
  if (!cell) {
    return (
      <div className={cx(styles.box, styles.empty)} data-testid={testId}>
        {emptyLabel}
      </div>
    );
  }
  const content = (
    <>
      <div className={styles.severity}>
        <span aria-hidden="true">{styles.look.shape}</span> {styles.look.label}
      </div>
      <div className={styles.headline}>
        <span className={styles.value}>{formatCount(cell.value)}</span>
        <span className={styles.unit}> {cell.unit}</span>
      </div>
      {cell.details.slice(0, large ? 2 : undefined).map((line) => (
        <div key={line} className={styles.detail}>
          {line}
        </div>
      ))}
    </>
  );
  if (!onClick) {
    return (
      <div className={styles.box} data-testid={testId} data-severity={cell.severity}>
        {content}
      </div>
    );
  }
  return (
    <button
      type="button"
      className={cx(styles.box, styles.clickable)}
      onClick={onClick}
      data-testid={testId}
      data-severity={cell.severity}
      aria-label={`${cell.plant} ${cell.process}: ${styles.look.label}, ${cell.value} ${cell.unit}`}
    >
      {content}
    </button>
  );
}

const getStyles = (theme: GrafanaTheme2, severity: Severity, large: boolean) => {
  const look = severityLook(theme, severity);
  const calm = severity === 'none';
  const background = calm ? theme.colors.background.secondary : look.colour;
  return {
    look,
    box: css({
      all: 'unset',
      boxSizing: 'border-box',
      display: 'block',
      width: '100%',
      height: '100%',
      minHeight: large ? 0 : 96,
      padding: theme.spacing(large ? 1.5 : 1),
      borderRadius: theme.shape.radius.default,
      background,
      color: calm ? theme.colors.text.primary : theme.colors.getContrastText(background),
      borderLeft: `${large ? 10 : 6}px solid ${look.colour}`,
    }),
    clickable: css({
      cursor: 'pointer',
      '&:hover': { filter: 'brightness(1.1)' },
      '&:focus-visible': { outline: `3px solid ${theme.colors.primary.main}`, outlineOffset: 2 },
    }),
    empty: css({
      background: 'transparent',
      border: `1px dashed ${theme.colors.border.weak}`,
      color: theme.colors.text.disabled,
      textAlign: 'center',
    }),
    severity: css({
      fontWeight: theme.typography.fontWeightBold,
      textTransform: 'uppercase',
      letterSpacing: '0.04em',
    }),
    headline: css({ whiteSpace: 'nowrap', lineHeight: 1.1 }),
    value: css({
      fontSize: large ? '2.2em' : '1.6em',
      fontWeight: theme.typography.fontWeightBold,
    }),
    unit: css({ fontSize: '1em' }),
    detail: css({ fontSize: '0.9em', lineHeight: 1.35 }),
  };
};
