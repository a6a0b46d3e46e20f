export { accessPlugin, requirePrincipal, type AccessPluginOptions } from './plugin.js';
export { isLimitedAction } from './action-limit.js';
export { GRAFANA_USER_HEADER, grafanaUserOf } from './grafana-user.js';
export { MASK, maskPayload, parseFieldPath, type PathStep } from './masking.js';
export { RANKED_ROLES, roleAllows, type Access } from './roles.js';
export { assertInScope, inScope, scopeFilter, type Principal, type ScopeFilter } from './scope.js';
export { readTokensFile } from './token-file.js';
export {
  DEMO_TOKENS,
  TokenSet,
  hashSecret,
  loadTokens,
  type AccessLog,
  type AccessToken,
  type DemoToken,
} from './tokens.js';
