import { describe, expect, it } from 'vitest';
import { grafanaUserOf } from '../../src/access/grafana-user.js';

describe('grafanaUserOf', () => {
  it('reads the login Grafana forwards in X-Grafana-User, trimmed', () => {
    expect(grafanaUserOf({ 'x-grafana-user': ' maria.lopez ' })).toBe('maria.lopez');
  });

  it('ignores the header when absent, empty, too long or carrying control characters', () => {
    expect(grafanaUserOf({})).toBeNull();
    expect(grafanaUserOf({ 'x-grafana-user': '   ' })).toBeNull();
    expect(grafanaUserOf({ 'x-grafana-user': 'a'.repeat(201) })).toBeNull();
    expect(grafanaUserOf({ 'x-grafana-user': 'eve\nadmin approved' })).toBeNull();
  });

  it('keeps a name of exactly 200 characters', () => {
    expect(grafanaUserOf({ 'x-grafana-user': 'a'.repeat(200) })).toBe('a'.repeat(200));
  });

  it('does not take a user from the signed ID token header', () => {
    expect(grafanaUserOf({ 'x-grafana-id': 'eyJhbGciOiJFUzI1NiJ9.e30.sig' })).toBeNull();
  });
});
