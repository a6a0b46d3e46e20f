import type { Role } from '../config/schema.js';

/**
 * The ranked roles, lowest first: each may do what the ones before it may.
 * `ingest` is outside the ranking on purpose: middleware posting lifecycle
 * events should not be able to read exceptions or replay them.
 */
export const RANKED_ROLES = ['viewer', 'operator', 'approver', 'admin'] as const;

/** What a route asks of its caller: nothing (`public`) or a role. */
export type Access = 'public' | Role;

/** Tells whether a token with role `have` may use a route that needs `need`. */
export function roleAllows(have: Role, need: Role): boolean {
  if (have === 'admin') return true;
  if (have === 'ingest' || need === 'ingest') return have === need;
  return rank(have) >= rank(need);
}

function rank(role: Exclude<Role, 'ingest'>): number {
  return RANKED_ROLES.indexOf(role);
}
