import { type ExceptionClass, type ReplayDecision } from '../api/types';

const UNITS: Array<[number, string]> = [
  [86_400, 'd'],
  [3_600, 'h'],
  [60, 'm'],
  [1, 's'],
];

/** An age in its two largest units: `3h 12m`, `2d 4h`, `45s`. */
export function formatAge(seconds: number | null): string {
  if (seconds === null) {
    return '–';
  }
  let rest = Math.max(0, Math.floor(seconds));
  const parts: string[] = [];
  for (const [size, unit] of UNITS) {
    if (rest >= size || (unit === 's' && parts.length === 0)) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
    if (parts.length === 2) {
      break;
    }
  }
  return parts.join(' ');
}

export function formatCount(value: number): string {
  return new Intl.NumberFormat('en', { maximumFractionDigits: 1 }).format(value);
}

export function formatMoney(value: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en', {
      style: 'currency',
      currency,
      notation: 'compact',
      minimumFractionDigits: 0,
      maximumFractionDigits: 1,
    }).format(value);
  } catch {
    return `${formatCount(value)} ${currency}`;
  }
}

export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().replace('T', ' ').slice(0, 19);
}

const CLASS_LABELS: Record<ExceptionClass, string> = {
  transient: 'Transient',
  invalid_master_data: 'Invalid master data',
  mapping: 'Mapping error',
  sequence_dependency: 'Sequence dependency',
  posting_rule: 'Posting-rule rejection',
  upstream_outage: 'Upstream outage',
  duplicate: 'Duplicate or conflict',
  unknown: 'Unclassified',
};

export function classLabel(value: ExceptionClass): string {
  return CLASS_LABELS[value];
}

export function stateLabel(value: string): string {
  const text = value.replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const DECISION_LABELS: Record<ReplayDecision, string> = {
  allowed: 'Replay allowed',
  needs_approval: 'Approval needed',
  held: 'Held for a prerequisite',
  target_down: 'Target system down',
  blocked: 'Blocked by policy',
  never: 'Never replay',
};

export function decisionLabel(value: ReplayDecision): string {
  return DECISION_LABELS[value];
}
