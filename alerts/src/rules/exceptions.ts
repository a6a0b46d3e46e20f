import { exceptionSlaFor, exceptionSlaSeconds, runbookBaseUrl } from '../config.js';
import { anchor, series } from './promql.js';
import type { AlertingRule, RuleFile } from './types.js';

const ALERT = 'SyncgovExceptionsPastSla';

/** Exceptions left open longer than their class allows. */
export function exceptionRules(): RuleFile {
  const rules = Object.entries(exceptionSlaSeconds).map(([cls, limit]) => pastSla(cls, limit));
  return { component: 'exceptions', groups: [{ name: 'syncgov-exceptions', rules }] };
}

// The owner comes from the exception itself, so it is kept from the series;
// the exception's own severity is dropped so that the alert's can be set.
function pastSla(cls: string, limit: number): AlertingRule {
  const age = series('syncgov_exceptions_oldest_open_age_seconds', { class: cls });

  return {
    alert: ALERT,
    expr: `max by (plant, process, class, owner) (${age}) > ${limit}`,
    for: exceptionSlaFor,
    labels: { severity: 'ticket', class: cls },
    annotations: {
      summary: 'Exceptions have stayed open longer than their class allows.',
      description:
        'The oldest open {{ $labels.class }} exception of {{ $labels.process }} at plant ' +
        '{{ $labels.plant }} has waited {{ $value | humanizeDuration }} for ' +
        `{{ $labels.owner }}; a ${cls} exception should be decided within ${limit}s.`,
      runbook_url: `${runbookBaseUrl}#${anchor(ALERT)}`,
    },
  };
}
