import { describe, expect, it } from 'vitest';

import { formatAge, formatMoney, stateLabel } from './format';

describe('formatAge', () => {
  it('shows the two largest units', () => {
    expect(formatAge(3 * 3600 + 12 * 60 + 5)).toBe('3h 12m');
    expect(formatAge(2 * 86_400 + 4 * 3600)).toBe('2d 4h');
    expect(formatAge(45)).toBe('45s');
    expect(formatAge(60)).toBe('1m');
  });

  it('shows zero and missing ages plainly', () => {
    expect(formatAge(0)).toBe('0s');
    expect(formatAge(null)).toBe('–');
  });
});

describe('formatMoney', () => {
  it('abbreviates large amounts in the catalog currency', () => {
    expect(formatMoney(1_250_000, 'EUR')).toBe('€1.3M');
  });

  it('falls back to the code for a currency Intl does not know', () => {
    expect(formatMoney(12, 'XX1')).toBe('12 XX1');
  });
});

it('turns a state id into words', () => {
  expect(stateLabel('awaiting_approval')).toBe('Awaiting approval');
});
