import type { ExceptionClass } from './taxonomy.js';

/** A classification rule: every condition it names must hold. */
export interface ClassificationRule {
  class: ExceptionClass;
  code?: RegExp;
  message?: RegExp;
  httpStatus?: readonly number[];
}

/** The error a rule looks at. */
export interface ErrorSignal {
  code: string | null;
  message: string | null;
  httpStatus: number | null;
}

/**
 * Shipped rules, first match wins. They recognise the common codes and
 * wording of ERP, MES and middleware errors; an interface's own rules in the
 * catalog run before them.
 */
export const DEFAULT_RULES: readonly ClassificationRule[] = [
  { class: 'duplicate', httpStatus: [409] },
  { class: 'duplicate', message: /\b(duplicate|already (exists|posted|processed))\b/i },
  { class: 'duplicate', code: /DUPLICATE|ALREADY_EXISTS/i },
  { class: 'upstream_outage', code: /^(ECONNREFUSED|EHOSTUNREACH|SYSTEM_DOWN|UNAVAILABLE)$/i },
  { class: 'upstream_outage',
    message: /\b(system (is )?(down|unavailable)|under maintenance|connection refused)\b/i },
  { class: 'upstream_outage', httpStatus: [503] },
  { class: 'transient', httpStatus: [408, 429, 500, 502, 504] },
  { class: 'transient', code: /^(ETIMEDOUT|ECONNRESET|EAI_AGAIN|EPIPE|TIMEOUT)$/i },
  { class: 'transient', message: /\b(timed? ?out|connection reset|temporarily)\b/i },
  { class: 'invalid_master_data',
    message: /\b(unknown|invalid|missing|not found).{0,20}\b(material|item|supplier|vendor|plant|unit|customer|batch)\b/i },
  { class: 'invalid_master_data',
    message: /\b(material|item|supplier|vendor|plant|unit|customer)\b.{0,40}\b(unknown|not found|does not exist|blocked)\b/i },
  { class: 'invalid_master_data', code: /MASTER_DATA|UNKNOWN_(MATERIAL|SUPPLIER|PLANT|UNIT)/i },
  { class: 'sequence_dependency', code: /SEQUENCE|PREREQUISITE|ORDER_NOT_(FOUND|RELEASED)/i },
  { class: 'sequence_dependency',
    message: /\b(prerequisite|out of sequence|(order|document) .{0,30}not (yet )?(exist|found|released|created))/i },
  { class: 'posting_rule', code: /POSTING|PERIOD_CLOSED|TOLERANCE/i },
  { class: 'posting_rule',
    message: /\b(posting period|period .{0,20}closed|tolerance|account .{0,30}missing|not allowed to post)\b/i },
  { class: 'mapping', code: /MAPPING|TRANSFORM|SCHEMA/i },
  { class: 'mapping', message: /\b(mapping|cannot map|transformation|schema validation|xslt)\b/i },
];

/** Whether every condition of the rule holds for the error. */
export function ruleMatches(rule: ClassificationRule, error: ErrorSignal): boolean {
  if (rule.httpStatus && !rule.httpStatus.includes(error.httpStatus ?? -1)) return false;
  if (rule.code && !(error.code !== null && rule.code.test(error.code))) return false;
  if (rule.message && !(error.message !== null && rule.message.test(error.message))) {
    return false;
  }
  return rule.httpStatus !== undefined || rule.code !== undefined || rule.message !== undefined;
}
