import { css } from '@emotion/css';
import { type GrafanaTheme2, type PanelProps } from '@grafana/data';
import { locationService } from '@grafana/runtime';
import { useStyles2 } from '@grafana/ui';

import { type Drill, ImpactMatrix } from '../../components/ImpactMatrix/ImpactMatrix';
import { testIds } from '../../components/testIds';
import { exceptionsLink } from '../../links/links';
import { framesToMatrix } from './frames';
import { type MatrixOptions } from './options';

/** The business impact matrix for dashboards, from whatever the query returns. */
export function ImpactMatrixPanel({ data, options, width, height }: PanelProps<MatrixOptions>) {
  const styles = useStyles2(getStyles, width, height);
  const matrix = framesToMatrix(data.series, options);
  const drill = options.drillToApp
    ? (target: Drill) => locationService.push(exceptionsLink(target))
    : undefined;

  if (matrix.cells.length === 0) {
    return (
      <div className={styles.empty} data-testid={testIds.panel.matrix}>
        No series with plant and process labels. Query for example{' '}
        <code>sum by (plant, process) (syncgov_exceptions_open)</code>.
      </div>
    );
  }
  return (
    <div className={styles.scroll} data-testid={testIds.panel.matrix}>
      <ImpactMatrix {...matrix} onDrill={drill} large={options.large} emptyLabel="no data" />
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2, width: number, height: number) => ({
  scroll: css({ width, height, overflow: 'auto' }),
  empty: css({ width, height, padding: theme.spacing(2), color: theme.colors.text.secondary }),
});
