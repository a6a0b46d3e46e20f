import { describe, expect, it } from 'vitest';
import { assertInScope, inScope, scopeFilter, type Principal } from '../../src/access/scope.js';
import { ERRORS, SyncgovError } from '../../src/errors/catalogue.js';

function principal(plants: string[] | null, processes: string[] | null): Principal {
  return {
    tokenName: 'plant-ops', role: 'operator', plants, processes,
    actor: 'plant-ops', grafanaUser: null,
  };
}

function thrown(action: () => void): SyncgovError {
  try {
    action();
  } catch (err) {
    if (err instanceof SyncgovError) return err;
    throw err;
  }
  throw new Error('nothing was thrown');
}

describe('token scope', () => {
  const scoped = principal(['p1', 'p2'], ['goods-movement']);
  const unscoped = principal(null, null);

  it('covers every plant and process when the token names none', () => {
    expect(inScope(unscoped, 'any-plant', 'any-process')).toBe(true);
    expect(() => assertInScope(unscoped, 'any-plant', 'any-process')).not.toThrow();
  });

  it('covers only the listed plants and processes', () => {
    expect(inScope(scoped, 'p2', 'goods-movement')).toBe(true);
    expect(inScope(scoped, 'p3', 'goods-movement')).toBe(false);
    expect(inScope(scoped, 'p1', 'invoicing')).toBe(false);
  });

  it('names the plant out of scope', () => {
    const error = thrown(() => assertInScope(scoped, 'p3', 'goods-movement'));

    expect(error.toBody()).toEqual({
      statusCode: 403,
      code: 'SYNCGOV_AUTH_SCOPE_FORBIDDEN',
      error: 'Forbidden',
      message: 'the token plant-ops does not cover plant p3',
      field: 'plant',
      value: 'p3',
      expected: 'one of p1, p2',
      hint: ERRORS.AUTH_SCOPE_FORBIDDEN.hint,
    });
  });

  it('names the process out of scope when the plant is covered', () => {
    const error = thrown(() => assertInScope(scoped, 'p1', 'invoicing'));

    expect(error.detail)
      .toEqual({ field: 'process', value: 'invoicing', expected: 'one of goods-movement' });
    expect(error.message).toBe('the token plant-ops does not cover process invoicing');
  });

  it('gives list queries copies of the limits, null meaning all', () => {
    const filter = scopeFilter(scoped);
    filter.plants?.push('p9');

    expect(scopeFilter(scoped)).toEqual({ plants: ['p1', 'p2'], processes: ['goods-movement'] });
    expect(scopeFilter(unscoped)).toEqual({ plants: null, processes: null });
    expect(scopeFilter(principal(['p1'], null))).toEqual({ plants: ['p1'], processes: null });
  });
});
