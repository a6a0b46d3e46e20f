import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { TextLink, useStyles2 } from '@grafana/ui';

import { type ExceptionDetail } from '../../api/types';
import { classLabel, formatAge } from '../../display/format';
import { businessKeyLink, formatBusinessKey } from '../../links/links';

interface Props {
  exception: ExceptionDetail;
}

/** What a replay touches: the business key, where it flows, how long it waited. */
export function ImpactFacts({ exception }: Props) {
  const styles = useStyles2(getStyles);
  const facts: Array<[string, string]> = [
    ['Business key', formatBusinessKey(exception.businessKey)],
    ['Interface', exception.interface],
    ['Plant / process', `${exception.plant} / ${exception.process}`],
    ['Class', classLabel(exception.class)],
    ['Waiting', `${formatAge(exception.ageSeconds)}, ${exception.occurrences}× failed`],
  ];
  if (exception.errorMessage) {
    facts.push(['Last error', exception.errorMessage]);
  }
  return (
    <dl className={styles.facts}>
      {facts.map(([label, value]) => (
        <div key={label} className={styles.fact}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
      {exception.relatedKeys.length > 0 && (
        <div className={styles.fact}>
          <dt>Also affects</dt>
          <dd>
            {exception.relatedKeys.map((key) => (
              <TextLink key={formatBusinessKey(key)} href={businessKeyLink(key)} inline>
                {formatBusinessKey(key)}
              </TextLink>
            ))}
          </dd>
        </div>
      )}
    </dl>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  facts: css({ display: 'grid', gap: theme.spacing(0.5), margin: theme.spacing(0, 0, 2, 0) }),
  fact: css({
    display: 'grid',
    gridTemplateColumns: '140px 1fr',
    gap: theme.spacing(1),
    dt: { color: theme.colors.text.secondary },
    dd: { margin: 0, display: 'flex', flexWrap: 'wrap', gap: theme.spacing(1) },
  }),
});
