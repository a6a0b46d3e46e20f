import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import { type Severity } from '../../api/types';
import { severityLook } from '../../display/severity';

interface Props {
  severity: Severity;
}

/** Severity as a coloured chip that also carries a shape and a word. */
export function SeverityBadge({ severity }: Props) {
  const styles = useStyles2(getStyles, severity);
  const look = styles.look;
  return (
    <span className={styles.badge} data-severity={severity}>
      <span aria-hidden="true">{look.shape}</span> {look.label}
    </span>
  );
}

const getStyles = (theme: GrafanaTheme2, severity: Severity) => {
  const look = severityLook(theme, severity);
  return {
    look,
    badge: css({
      display: 'inline-flex',
      gap: theme.spacing(0.5),
      alignItems: 'center',
      padding: theme.spacing(0.25, 1),
      borderRadius: theme.shape.radius.pill,
      fontWeight: theme.typography.fontWeightMedium,
      whiteSpace: 'nowrap',
      background: look.colour,
      color: theme.colors.getContrastText(look.colour),
    }),
  };
};
