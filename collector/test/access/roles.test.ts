import { describe, expect, it } from 'vitest';
import { roleAllows } from '../../src/access/roles.js';
import { ROLES, type Role } from '../../src/config/schema.js';

// Rows: the token's role; columns: the role a route needs, in ROLES order.
const MATRIX: Record<Role, readonly boolean[]> = {
  //        viewer operator approver admin  ingest
  viewer:   [true,  false,   false,   false, false],
  operator: [true,  true,    false,   false, false],
  approver: [true,  true,    true,    false, false],
  admin:    [true,  true,    true,    true,  true],
  ingest:   [false, false,   false,   false, true],
};

describe('roleAllows', () => {
  for (const have of ROLES) {
    for (const [i, need] of ROLES.entries()) {
      const allowed = MATRIX[have][i];
      it(`${allowed ? 'lets' : 'refuses'} a ${have} token on a route needing ${need}`, () => {
        expect(roleAllows(have, need)).toBe(allowed);
      });
    }
  }
});
