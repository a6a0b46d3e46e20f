import { hasPermission } from '@grafana/runtime';

import { type AllowedAction, type ExceptionAction, type ExceptionSummary } from '../api/types';
import { PLUGIN_ID } from '../constants';

/** The RBAC actions this app declares in plugin.json. */
export const PERMISSIONS = {
  read: `${PLUGIN_ID}.exceptions:read`,
  triage: `${PLUGIN_ID}.exceptions:write`,
  replay: `${PLUGIN_ID}.replays:create`,
  approve: `${PLUGIN_ID}.replays:approve`,
} as const;
export type Permission = keyof typeof PERMISSIONS;

/** Which Grafana permission each collector action needs. */
export const PERMISSION_FOR: Record<ExceptionAction, Permission> = {
  acknowledge: 'triage',
  assign: 'triage',
  resolve: 'triage',
  ignore: 'triage',
  'mark-corrected': 'triage',
  replay: 'replay',
  approve: 'approve',
  reject: 'approve',
};

const ROLE_THAT_GRANTS: Record<Permission, string> = {
  read: 'syncgov Viewer',
  triage: 'syncgov Operator',
  replay: 'syncgov Operator',
  approve: 'syncgov Approver',
};

/** Whether a user may take an action, and if not, why in plain words. */
export interface Verdict {
  allowed: boolean;
  reason: string | null;
}

export function grafanaVerdict(action: ExceptionAction): Verdict {
  const permission = PERMISSION_FOR[action];
  if (hasPermission(PERMISSIONS[permission])) {
    return { allowed: true, reason: null };
  }
  return {
    allowed: false,
    reason: `Your Grafana role lacks ${PERMISSIONS[permission]}; the ${ROLE_THAT_GRANTS[permission]} role grants it.`,
  };
}

/** Combines Grafana's permission with the collector's own decision. */
export function actionVerdict(
  action: ExceptionAction,
  collector: readonly AllowedAction[]
): Verdict {
  const grafana = grafanaVerdict(action);
  if (!grafana.allowed) {
    return grafana;
  }
  const answer = collector.find((entry) => entry.action === action);
  if (!answer) {
    return { allowed: false, reason: 'The collector does not offer this action here.' };
  }
  return answer.allowed
    ? { allowed: true, reason: null }
    : { allowed: false, reason: answer.reason ?? 'The collector refuses this action.' };
}

const REPLAYABLE_STATES = new Set(['open', 'acknowledged', 'approved']);

/**
 * The replay verdict for a queue row, before its detail is loaded: Grafana's
 * permission, the row's state and the policy decision the list carries.
 */
export function rowReplayVerdict(exception: ExceptionSummary): Verdict {
  const grafana = grafanaVerdict('replay');
  if (!grafana.allowed) {
    return grafana;
  }
  if (!REPLAYABLE_STATES.has(exception.state)) {
    return { allowed: false, reason: `The exception is ${exception.state.replace('_', ' ')}.` };
  }
  const { decision, reason } = exception.replayPolicy;
  const open = decision === 'allowed' || decision === 'needs_approval';
  return open ? { allowed: true, reason: null } : { allowed: false, reason };
}
