import { css, cx } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import { testIds } from '../testIds';
import { MatrixCellView } from './MatrixCellView';
import { type AxisItem, cellKey, indexCells, type MatrixCell } from './model';

export interface Drill {
  plant?: string;
  process?: string;
}

interface Props {
  plants: readonly AxisItem[];
  processes: readonly AxisItem[];
  cells: readonly MatrixCell[];
  /** Called with the plant, the process, or both, of what was clicked. */
  onDrill?: (target: Drill) => void;
  /** NOC screens: larger type, read from across a room. */
  large?: boolean;
  /** What a cell without data says. */
  emptyLabel?: string;
}

/** Plants down, processes across; each cell says how badly a sync failure hurts. */
export function ImpactMatrix(props: Props) {
  const { plants, processes, cells, onDrill, large = false, emptyLabel = 'not served' } = props;
  const styles = useStyles2(getStyles);
  const byKey = indexCells(cells);
  return (
    <table className={cx(styles.table, large && styles.large)} data-testid={testIds.matrix.table}>
      <thead>
        <tr>
          <th className={styles.corner} scope="col">
            Plant / process
          </th>
          {processes.map((process) => (
            <th key={process.id} scope="col" className={styles.heading}>
              <HeadingButton
                label={process.label}
                testId={testIds.matrix.process(process.id)}
                onClick={onDrill && (() => onDrill({ process: process.id }))}
              />
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {plants.map((plant) => (
          <tr key={plant.id}>
            <th scope="row" className={styles.heading}>
              <HeadingButton
                label={plant.label}
                testId={testIds.matrix.plant(plant.id)}
                onClick={onDrill && (() => onDrill({ plant: plant.id }))}
              />
            </th>
            {processes.map((process) => (
              <td key={process.id} className={styles.cell}>
                <MatrixCellView
                  cell={byKey.get(cellKey(plant.id, process.id))}
                  testId={testIds.matrix.cell(plant.id, process.id)}
                  large={large}
                  emptyLabel={emptyLabel}
                  onClick={onDrill && (() => onDrill({ plant: plant.id, process: process.id }))}
                />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

interface HeadingProps {
  label: string;
  testId: string;
  onClick: (() => void) | undefined;
}

function HeadingButton({ label, testId, onClick }: HeadingProps) {
  const styles = useStyles2(getStyles);
  if (!onClick) {
    return <span data-testid={testId}>{label}</span>;
  }
  return (
    <button type="button" className={styles.headingButton} onClick={onClick} data-testid={testId}>
      {label}
    </button>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  table: css({
    borderCollapse: 'separate',
    borderSpacing: theme.spacing(0.5),
    width: '100%',
    tableLayout: 'fixed',
    fontSize: theme.typography.body.fontSize,
  }),
  large: css({
    fontSize: theme.typography.h3.fontSize,
    borderSpacing: theme.spacing(1),
  }),
  corner: css({
    textAlign: 'left',
    color: theme.colors.text.secondary,
    fontWeight: theme.typography.fontWeightRegular,
    width: '14%',
  }),
  heading: css({
    textAlign: 'left',
    verticalAlign: 'bottom',
    fontWeight: theme.typography.fontWeightBold,
    'tbody &': { verticalAlign: 'middle' },
  }),
  headingButton: css({
    all: 'unset',
    cursor: 'pointer',
    color: theme.colors.text.link,
    fontWeight: theme.typography.fontWeightBold,
    '&:hover, &:focus-visible': { textDecoration: 'underline' },
    '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}` },
  }),
  cell: css({ padding: 0, verticalAlign: 'top', height: '1px' }),
});
