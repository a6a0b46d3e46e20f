import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, ruleMatches, type ErrorSignal } from '../../src/exceptions/rules.js';

function signal(overrides: Partial<ErrorSignal>): ErrorSignal {
  return { code: null, message: null, httpStatus: null, ...overrides };
}

/** The index of the first shipped rule that matches, as the classifier picks it. */
function firstRule(error: ErrorSignal): number {
  return DEFAULT_RULES.findIndex((rule) => ruleMatches(rule, error));
}

describe('DEFAULT_RULES', () => {
  it.each<[number, string, Partial<ErrorSignal>]>([
    [0, 'duplicate', { httpStatus: 409 }],
    [1, 'duplicate', { message: 'Material document 4900001234 already exists' }],
    [2, 'duplicate', { code: 'ALREADY_EXISTS' }],
    [3, 'upstream_outage', { code: 'ECONNREFUSED' }],
    [4, 'upstream_outage', { message: 'MES is under maintenance until 06:00' }],
    [5, 'upstream_outage', { httpStatus: 503 }],
    [6, 'transient', { httpStatus: 429 }],
    [7, 'transient', { code: 'ECONNRESET' }],
    [8, 'transient', { message: 'Request temporarily rejected, try again' }],
    [9, 'invalid_master_data', { message: 'Invalid unit of measure KGX' }],
    [10, 'invalid_master_data', { message: 'Supplier 10450 is blocked for purchasing' }],
    [11, 'invalid_master_data', { code: 'UNKNOWN_PLANT' }],
    [12, 'sequence_dependency', { code: 'PREREQUISITE_MISSING' }],
    [13, 'sequence_dependency', { message: 'Goods receipt arrived out of sequence' }],
    [14, 'posting_rule', { code: 'TOLERANCE_EXCEEDED' }],
    [15, 'posting_rule', { message: 'G/L account 400000 missing in chart of accounts' }],
    [16, 'mapping', { code: 'XSLT_TRANSFORM_FAILED' }],
    [17, 'mapping', { message: 'Schema validation failed for IDoc segment E1EDK01' }],
  ])('rule %i recognises %s from %o', (index, cls, error) => {
    expect(firstRule(signal(error))).toBe(index);
    expect(DEFAULT_RULES[index]?.class).toBe(cls);
  });

  it('has a rule for every class but unknown', () => {
    expect(new Set(DEFAULT_RULES.map((r) => r.class))).toEqual(new Set([
      'duplicate', 'upstream_outage', 'transient', 'invalid_master_data', 'sequence_dependency',
      'posting_rule', 'mapping',
    ]));
  });

  it('lets the first matching rule win', () => {
    // A conflict answer says the target has the document, whatever else it says.
    expect(DEFAULT_RULES[firstRule(signal({ httpStatus: 409, message: 'Timed out' }))]?.class)
      .toBe('duplicate');
    // A refused connection during an outage is not worth retrying at once.
    expect(DEFAULT_RULES[firstRule(signal({ code: 'ETIMEDOUT', httpStatus: 503 }))]?.class)
      .toBe('upstream_outage');
  });

  it('recognises no rule in an error that says nothing', () => {
    expect(firstRule(signal({}))).toBe(-1);
    expect(firstRule(signal({ code: 'E4711', message: 'Something went wrong', httpStatus: 400 })))
      .toBe(-1);
  });
});

describe('ruleMatches', () => {
  const rule = { class: 'mapping' as const, code: /^MAP/i, httpStatus: [422] };

  it('needs every condition the rule names', () => {
    expect(ruleMatches(rule, signal({ code: 'MAP_001', httpStatus: 422 }))).toBe(true);
    expect(ruleMatches(rule, signal({ code: 'MAP_001', httpStatus: 400 }))).toBe(false);
    expect(ruleMatches(rule, signal({ code: 'MAP_001' }))).toBe(false);
    expect(ruleMatches(rule, signal({ httpStatus: 422 }))).toBe(false);
  });

  it('never matches a rule without conditions', () => {
    expect(ruleMatches({ class: 'transient' }, signal({ code: 'X', httpStatus: 500 })))
      .toBe(false);
  });

  it('does not match a message rule when the error has no message', () => {
    expect(ruleMatches({ class: 'mapping', message: /.*/ }, signal({ code: 'X' }))).toBe(false);
  });
});
