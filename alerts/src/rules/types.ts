/** A Prometheus recording rule. */
export interface RecordingRule {
  record: string;
  expr: string;
  labels?: Record<string, string>;
}

/** The annotations every syncgov alert carries. */
export interface AlertAnnotations {
  summary: string;
  description: string;
  runbook_url: string;
}

/**
 * A Prometheus alerting rule. Labels always hold severity; owner is either
 * a label here or comes from the series (exceptions carry their owner).
 */
export interface AlertingRule {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string> & { severity: string };
  annotations: AlertAnnotations;
}

export type Rule = RecordingRule | AlertingRule;

export interface RuleGroup {
  name: string;
  rules: Rule[];
}

/** One rules file: a component of the pack. */
export interface RuleFile {
  component: string;
  groups: RuleGroup[];
}

export function isAlertingRule(rule: Rule): rule is AlertingRule {
  return 'alert' in rule;
}
