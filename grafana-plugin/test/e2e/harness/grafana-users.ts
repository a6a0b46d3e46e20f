import { type PluginRoute } from '../../support/grafana-routes';

/** The Grafana basic roles, each including the ones before it. */
const BASIC_ROLES = ['Viewer', 'Editor', 'Admin'] as const;
export type BasicRole = (typeof BASIC_ROLES)[number];

export interface HarnessUser {
  login: string;
  orgRole: BasicRole;
  permissions: Record<string, boolean>;
}

interface PluginJson {
  routes: PluginRoute[];
  roles: Array<{ role: { permissions: Array<{ action: string }> }; grants: string[] }>;
}

function includes(held: BasicRole, needed: string): boolean {
  return BASIC_ROLES.indexOf(held) >= BASIC_ROLES.indexOf(needed as BasicRole);
}

/**
 * A user with the permissions Grafana would give their basic role from the
 * plugin's declared roles and grants, as Grafana does on plugin install.
 */
export function userWithRole(plugin: PluginJson, login: string, orgRole: BasicRole): HarnessUser {
  const permissions: Record<string, boolean> = {};
  for (const entry of plugin.roles) {
    if (entry.grants.some((grant) => includes(orgRole, grant))) {
      entry.role.permissions.forEach((permission) => (permissions[permission.action] = true));
    }
  }
  return { login, orgRole, permissions };
}

/** Grafana's route check: reqAction wins over reqRole; neither means allowed. */
export function mayUseRoute(user: HarnessUser, route: PluginRoute): boolean {
  if (route.reqAction) {
    return user.permissions[route.reqAction] === true;
  }
  return route.reqRole ? includes(user.orgRole, route.reqRole) : true;
}
