import { PERMISSIONS, type Permission } from '../../src/access/access';

/** The signed-in test user; tests change its permissions between cases. */
export const testUser = {
  id: 1,
  login: 'operator',
  orgRole: 'Editor',
  permissions: {} as Record<string, boolean>,
};

export function grant(...permissions: Permission[]): void {
  testUser.permissions = Object.fromEntries(permissions.map((name) => [PERMISSIONS[name], true]));
}
