/**
 * The exception classes of PRODUCT.md's taxonomy. `unknown` holds what no
 * rule recognises until someone classifies it.
 */
export const EXCEPTION_CLASSES = [
  'transient',
  'invalid_master_data',
  'mapping',
  'sequence_dependency',
  'posting_rule',
  'upstream_outage',
  'duplicate',
  'unknown',
] as const;

export type ExceptionClass = (typeof EXCEPTION_CLASSES)[number];

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;

export type Severity = (typeof SEVERITIES)[number];

export function isExceptionClass(value: string): value is ExceptionClass {
  return (EXCEPTION_CLASSES as readonly string[]).includes(value);
}
