import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { TextLink, useStyles2 } from '@grafana/ui';

import { type ExceptionDetail } from '../../api/types';
import { classLabel, formatAge, formatTime, stateLabel } from '../../display/format';
import {
  businessKeyLink,
  catalogLink,
  exceptionLink,
  formatBusinessKey,
  traceLink,
} from '../../links/links';
import { PolicyNotice } from '../ReplayConfirm/PolicyNotice';
import { SeverityBadge } from '../SeverityBadge/SeverityBadge';

interface Props {
  exception: ExceptionDetail;
}

/** The facts a triager needs before deciding, with links to follow the key. */
export function Summary({ exception }: Props) {
  const styles = useStyles2(getStyles);
  const rows: Array<[string, React.ReactNode]> = [
    ['Severity', <SeverityBadge key="s" severity={exception.severity} />],
    ['State', stateLabel(exception.state)],
    ['Business key', <KeyLink key="k" exception={exception} />],
    [
      'Interface',
      <TextLink key="i" href={catalogLink(exception.interface)} inline>
        {exception.interface}
      </TextLink>,
    ],
    ['Plant / process', `${exception.plant} / ${exception.process}`],
    ['Class', classLabel(exception.class)],
    [
      'Owner',
      exception.assignee
        ? `${exception.owner} (assigned to ${exception.assignee})`
        : exception.owner,
    ],
    ['Error', [exception.errorCode, exception.errorMessage].filter(Boolean).join(': ') || '–'],
    ['Seen', seenText(exception)],
    ['Message id', exception.messageId],
    [
      'Trace',
      <TextLink key="t" href={traceLink(exception.traceId)} icon="gf-traces" inline>
        {exception.traceId}
      </TextLink>,
    ],
    [
      'Link',
      <TextLink key="l" href={exceptionLink(exception.id)} inline>
        {exceptionLink(exception.id)}
      </TextLink>,
    ],
  ];
  return (
    <>
      <dl className={styles.facts}>
        {rows.map(([label, value]) => (
          <div key={label} className={styles.fact}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <h4>Recommended action</h4>
      <p>{exception.recommendedAction}</p>
      <PolicyNotice exception={exception} />
    </>
  );
}

function seenText(exception: ExceptionDetail): string {
  const since = `${exception.occurrences}× since ${formatTime(exception.firstSeenAt)}`;
  return `${since}, waiting ${formatAge(exception.ageSeconds)}`;
}

function KeyLink({ exception }: Props) {
  const keys = [exception.businessKey, ...exception.relatedKeys];
  return (
    <>
      {keys.map((key) => (
        <TextLink key={formatBusinessKey(key)} href={businessKeyLink(key)} inline>
          {formatBusinessKey(key)}
        </TextLink>
      ))}
    </>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  facts: css({ display: 'grid', gap: theme.spacing(0.5), marginBottom: theme.spacing(2) }),
  fact: css({
    display: 'grid',
    gridTemplateColumns: '140px 1fr',
    gap: theme.spacing(1),
    dt: { color: theme.colors.text.secondary },
    dd: {
      margin: 0,
      display: 'flex',
      flexWrap: 'wrap',
      gap: theme.spacing(1),
      overflowWrap: 'anywhere',
    },
  }),
});
