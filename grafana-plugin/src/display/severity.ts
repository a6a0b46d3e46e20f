import { type GrafanaTheme2 } from '@grafana/data';

import { type Severity } from '../api/types';

/**
 * How a severity reads on screen. Colour is never alone: every severity also
 * has its own shape and word, for colour-blind readers and grey-scale screens.
 */
export interface SeverityLook {
  label: string;
  shape: string;
  colour: string;
}

const SHAPES: Record<Severity, string> = {
  critical: '◆',
  high: '▲',
  medium: '●',
  low: '▼',
  none: '✓',
};

const LABELS: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  none: 'OK',
};

const COLOUR_NAMES: Record<Severity, string> = {
  critical: 'red',
  high: 'orange',
  medium: 'yellow',
  low: 'blue',
  none: 'green',
};

export function severityLook(theme: GrafanaTheme2, severity: Severity): SeverityLook {
  return {
    label: LABELS[severity],
    shape: SHAPES[severity],
    colour: theme.visualization.getColorByName(COLOUR_NAMES[severity]),
  };
}

export function severityLabel(severity: Severity): string {
  return LABELS[severity];
}

const RANK: Record<Severity, number> = { none: 0, low: 1, medium: 2, high: 3, critical: 4 };

export function severityRank(severity: Severity): number {
  return RANK[severity];
}

export function worstSeverity(severities: Iterable<Severity>): Severity {
  let worst: Severity = 'none';
  for (const severity of severities) {
    if (RANK[severity] > RANK[worst]) {
      worst = severity;
    }
  }
  return worst;
}
