import { describe, expect, it } from 'vitest';

import {
  businessKeyLink,
  exceptionLink,
  exceptionsLink,
  filterFromSearch,
  parseBusinessKey,
} from './links';

describe('deep links', () => {
  it('gives every exception a stable app URL', () => {
    expect(exceptionLink('exc 1/2')).toBe('/a/syncgov-governance-app/exceptions/exc%201%2F2');
  });

  it('gives every business key a URL of the filtered queue', () => {
    expect(businessKeyLink({ type: 'productionOrder', value: '1000123' })).toBe(
      '/a/syncgov-governance-app/exceptions?businessKey=productionOrder%3A1000123'
    );
  });

  it('leaves empty filter fields out of the URL', () => {
    expect(exceptionsLink({ plant: 'p1', process: '' })).toBe(
      '/a/syncgov-governance-app/exceptions?plant=p1'
    );
  });

  it('reads back the filter it wrote', () => {
    const url = exceptionsLink({ plant: 'p1', state: 'open', businessKey: 'delivery:8:1' });
    expect(filterFromSearch(url.slice(url.indexOf('?')))).toEqual({
      plant: 'p1',
      state: 'open',
      businessKey: 'delivery:8:1',
    });
  });

  it('keeps colons inside a business key value', () => {
    expect(parseBusinessKey('delivery:80:17')).toEqual({ type: 'delivery', value: '80:17' });
    expect(parseBusinessKey('no-colon')).toBeUndefined();
    expect(parseBusinessKey(':x')).toBeUndefined();
  });
});
