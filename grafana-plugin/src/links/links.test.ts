import { describe, expect, it } from 'vitest';

import {
  businessKeyLink,
  exceptionLink,
  exceptionsLink,
  filterFromSearch,
  parseBusinessKey,
  traceLink,
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

  it('opens the trace of a message in Explore on the provisioned trace datasource', () => {
    const url = new URL(traceLink('4bf92f3577b34da6a3ce929d0e0e4736'), 'http://grafana');
    expect(url.pathname).toBe('/explore');
    expect(JSON.parse(url.searchParams.get('panes') ?? '')).toEqual({
      trace: {
        datasource: 'syncgov-tempo',
        queries: [
          {
            refId: 'A',
            datasource: { type: 'tempo', uid: 'syncgov-tempo' },
            queryType: 'traceql',
            query: '4bf92f3577b34da6a3ce929d0e0e4736',
          },
        ],
        range: { from: 'now-7d', to: 'now' },
      },
    });
  });

  it('keeps colons inside a business key value', () => {
    expect(parseBusinessKey('delivery:80:17')).toEqual({ type: 'delivery', value: '80:17' });
    expect(parseBusinessKey('no-colon')).toBeUndefined();
    expect(parseBusinessKey(':x')).toBeUndefined();
  });
});
