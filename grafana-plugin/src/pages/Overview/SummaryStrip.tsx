import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import { testIds } from '../../components/testIds';
import { formatAge, formatCount, formatMoney } from '../../display/format';
import { type Totals } from './model';

interface Props {
  totals: Totals;
  large: boolean;
}

/** The four numbers a shift lead asks for first. */
export function SummaryStrip({ totals, large }: Props) {
  const styles = useStyles2(getStyles, large);
  const items: Array<[string, string]> = [
    ['Open exceptions', formatCount(totals.openExceptions)],
    ['SLA breaches', formatCount(totals.slaBreaches)],
    ['Critical plant × process', formatCount(totals.criticalCells)],
    ['Oldest open', formatAge(totals.oldestAgeSeconds)],
    ['Value held', formatMoney(totals.exposureValue, totals.currency)],
  ];
  return (
    <dl className={styles.strip} data-testid={testIds.overview.summary}>
      {items.map(([label, value]) => (
        <div key={label} className={styles.item}>
          <dt className={styles.label}>{label}</dt>
          <dd className={styles.value}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

const getStyles = (theme: GrafanaTheme2, large: boolean) => ({
  strip: css({
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(160px, 1fr))',
    gap: theme.spacing(1),
    margin: theme.spacing(0, 0, 2, 0),
  }),
  item: css({
    background: theme.colors.background.secondary,
    borderRadius: theme.shape.radius.default,
    padding: theme.spacing(large ? 2 : 1.5),
  }),
  label: css({
    color: theme.colors.text.secondary,
    fontSize: large ? theme.typography.h4.fontSize : theme.typography.bodySmall.fontSize,
  }),
  value: css({
    margin: 0,
    fontSize: large ? '3rem' : theme.typography.h2.fontSize,
    fontWeight: theme.typography.fontWeightBold,
  }),
});
