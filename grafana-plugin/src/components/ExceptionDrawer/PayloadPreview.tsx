import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import { testIds } from '../testIds';

interface Props {
  payload: unknown;
  payloadRef: string | null;
}

/**
 * Shows the payload exactly as the collector masked it: this view never
 * unmasks, reformats values or fetches the original.
 */
export function PayloadPreview({ payload, payloadRef }: Props) {
  const styles = useStyles2(getStyles);
  if (payload === null || payload === undefined) {
    return (
      <p data-testid={testIds.drawer.payload}>
        {payloadRef
          ? `The payload is stored at ${payloadRef} and is not previewed.`
          : 'No payload was kept.'}
      </p>
    );
  }
  const text = typeof payload === 'string' ? payload : JSON.stringify(payload, null, 2);
  return (
    <pre className={styles.pre} data-testid={testIds.drawer.payload}>
      {text}
    </pre>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  pre: css({
    maxHeight: 420,
    overflow: 'auto',
    padding: theme.spacing(1.5),
    background: theme.colors.background.canvas,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
});
