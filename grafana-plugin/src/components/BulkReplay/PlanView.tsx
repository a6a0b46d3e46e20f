import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Alert, useStyles2 } from '@grafana/ui';

import { type ReplayPlan } from '../../api/types';
import { formatAge, formatCount } from '../../display/format';
import { testIds } from '../testIds';

const SHOWN_KEYS = 12;

function riskText(risk: ReplayPlan['duplicateRisk']): string {
  if (risk.level === 'none') {
    return 'none found';
  }
  return `${risk.level}: ${risk.reasons.join('; ')}`;
}

/** What a bulk replay would do, before anything is sent. */
export function PlanView({ plan }: { plan: ReplayPlan }) {
  const styles = useStyles2(getStyles);
  const keys = plan.businessKeys.slice(0, SHOWN_KEYS);
  const more = plan.businessKeyCount - keys.length;
  return (
    <div data-testid={testIds.bulk.plan} data-count={plan.count}>
      <p className={styles.count}>
        {formatCount(plan.count)} exception{plan.count === 1 ? '' : 's'} match;{' '}
        {formatCount(plan.replayable)} can be replayed now
      </p>
      <dl className={styles.facts}>
        <dt>Plants</dt>
        <dd>{plan.plants.join(', ') || '–'}</dd>
        <dt>Processes</dt>
        <dd>{plan.processes.join(', ') || '–'}</dd>
        <dt>Interfaces</dt>
        <dd>{plan.interfaces.join(', ') || '–'}</dd>
        <dt>Oldest</dt>
        <dd>{formatAge(plan.oldestAgeSeconds)}</dd>
        <dt>Duplicate risk</dt>
        <dd>{riskText(plan.duplicateRisk)}</dd>
        <dt>Business keys</dt>
        <dd>
          {keys.join(', ') || '–'}
          {more > 0 && ` and ${formatCount(more)} more`}
        </dd>
      </dl>
      {plan.heldBack.length > 0 && (
        <Alert severity="warning" title="Held back by policy">
          <ul>
            {plan.heldBack.map((entry) => (
              <li key={entry.decision}>
                {formatCount(entry.count)}: {entry.reason}
              </li>
            ))}
          </ul>
        </Alert>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  count: css({
    fontSize: theme.typography.h3.fontSize,
    fontWeight: theme.typography.fontWeightBold,
  }),
  facts: css({
    display: 'grid',
    gridTemplateColumns: '140px 1fr',
    gap: theme.spacing(0.5, 1),
    dt: { color: theme.colors.text.secondary },
    dd: { margin: 0, overflowWrap: 'anywhere' },
  }),
});
