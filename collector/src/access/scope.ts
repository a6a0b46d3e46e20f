import type { Role } from '../config/schema.js';
import { SyncgovError } from '../errors/catalogue.js';

/** Who is calling: the token that grants access and the person behind it. */
export interface Principal {
  /** The configured name of the bearer token; never its secret. */
  readonly tokenName: string;
  readonly role: Role;
  /** The plants the token may see and act on, or null for every plant. */
  readonly plants: readonly string[] | null;
  /** The business processes the token may see and act on, or null for all. */
  readonly processes: readonly string[] | null;
  /**
   * The person recorded in the audit: the Grafana user when Grafana
   * forwarded one, otherwise the token name. It grants nothing.
   */
  readonly actor: string;
  /** The user Grafana forwarded, or null when the call did not come through Grafana. */
  readonly grafanaUser: string | null;
}

/** The plants and processes a list query must be limited to; null means all. */
export interface ScopeFilter {
  plants: string[] | null;
  processes: string[] | null;
}

/** Tells whether the principal's token covers this plant and process. */
export function inScope(principal: Principal, plant: string, process: string): boolean {
  return covers(principal.plants, plant) && covers(principal.processes, process);
}

/**
 * Refuses, with AUTH_SCOPE_FORBIDDEN naming the plant or process at fault,
 * when the principal's token does not cover both.
 */
export function assertInScope(principal: Principal, plant: string, process: string): void {
  if (!covers(principal.plants, plant)) {
    throw outOfScope(principal, 'plant', plant, principal.plants ?? []);
  }
  if (!covers(principal.processes, process)) {
    throw outOfScope(principal, 'process', process, principal.processes ?? []);
  }
}

/** The limits a list query applies for this principal, as fresh arrays. */
export function scopeFilter(principal: Principal): ScopeFilter {
  return {
    plants: principal.plants === null ? null : [...principal.plants],
    processes: principal.processes === null ? null : [...principal.processes],
  };
}

function covers(allowed: readonly string[] | null, id: string): boolean {
  return allowed === null || allowed.includes(id);
}

function outOfScope(
  principal: Principal,
  field: 'plant' | 'process',
  value: string,
  allowed: readonly string[],
): SyncgovError {
  const message = `the token ${principal.tokenName} does not cover ${field} ${value}`;
  const expected = `one of ${allowed.join(', ')}`;
  return new SyncgovError('AUTH_SCOPE_FORBIDDEN', message, { field, value, expected });
}
