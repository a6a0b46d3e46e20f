import type { Role } from '../config/schema.js';
import { SyncgovError } from '../errors/catalogue.js';
import type { Actor } from '../replay/actor.js';
import { conflict, invalid } from '../replay/replay-service.js';
import {
  ChangeConflictError,
  type ExceptionChange, type ExceptionRecord, type ExceptionState,
} from '../store/exception-store.js';
import type { Store } from '../store/store.js';
import type { ReplayPolicy } from './policy.js';

export const ACTIONS = [
  'acknowledge', 'assign', 'replay', 'approve', 'reject', 'resolve', 'ignore', 'mark-corrected',
] as const;

export type Action = (typeof ACTIONS)[number];

/** The least role each action needs. */
export const ACTION_ROLES: Record<Action, Role> = {
  acknowledge: 'operator',
  assign: 'operator',
  replay: 'operator',
  approve: 'approver',
  reject: 'approver',
  resolve: 'operator',
  ignore: 'operator',
  'mark-corrected': 'operator',
};

const UNRESOLVED: readonly ExceptionState[] =
  ['open', 'acknowledged', 'awaiting_approval', 'approved'];

/** The states each action may start from. */
export const ACTION_STATES: Record<Action, readonly ExceptionState[]> = {
  acknowledge: ['open'],
  assign: UNRESOLVED,
  replay: ['open', 'acknowledged', 'approved'],
  approve: ['awaiting_approval'],
  reject: ['awaiting_approval'],
  resolve: UNRESOLVED,
  ignore: UNRESOLVED,
  'mark-corrected': UNRESOLVED,
};

export interface ActionInput {
  reason: string | null;
  assignee: string | null;
}

/** Whether an action is open to a caller, and why not when it is not. */
export interface AllowedAction {
  action: Action;
  allowed: boolean;
  reason: string | null;
}

type Plain = Exclude<Action, 'replay' | 'approve'>;

/**
 * The workflow actions that are not replays: each is one guarded change with
 * its audit line, so two people acting at once cannot both move an exception.
 */
export async function applyAction(store: Store, e: ExceptionRecord, action: Plain, who: Actor,
  input: ActionInput): Promise<ExceptionRecord> {
  const change = changeFor(e, action, who, input);
  try {
    return (await store.applyChange(change)).exception;
  } catch (err) {
    if (err instanceof ChangeConflictError && err.current) {
      throw conflict(err.current, change.from, action);
    }
    throw err;
  }
}

function changeFor(e: ExceptionRecord, action: Plain, who: Actor, input: ActionInput):
  ExceptionChange {
  if (!ACTION_STATES[action].includes(e.state)) throw invalid(e, action);
  const audit = { at: Date.now(), actor: who.actor, tokenName: who.tokenName, action,
    reason: input.reason, detail: null };
  const base = { exceptionId: e.id, from: [e.state], audit };
  switch (action) {
    case 'acknowledge':
      return { ...base, to: 'acknowledged', set: { acknowledgedBy: who.actor } };
    case 'assign':
      return { ...base, to: e.state, set: { assignee: required(input.assignee, 'assignee') },
        audit: { ...audit, detail: { assignee: input.assignee } } };
    case 'reject':
      required(input.reason, 'reason');
      return { ...base, to: 'open', set: { replayRequestedBy: null, replayReason: null } };
    case 'resolve':
    case 'ignore':
      required(input.reason, 'reason');
      return { ...base, to: 'resolved', set: { hold: null, resolvedAt: audit.at,
        resolution: action === 'resolve' ? 'fixed_at_source' : 'ignored' } };
    case 'mark-corrected':
      if (e.class !== 'invalid_master_data') {
        throw new SyncgovError('TRANSITION_INVALID',
          `mark-corrected is for invalid master data; exception ${e.id} is ${e.class}`,
          { field: 'class', value: e.class, expected: 'invalid_master_data' });
      }
      return { ...base, to: e.state, set: { correctedBy: who.actor, correctedAt: audit.at } };
  }
}

function required(value: string | null, field: 'reason' | 'assignee'): string {
  if (value !== null && value.trim() !== '') return value;
  if (field === 'reason') {
    throw new SyncgovError('REASON_REQUIRED', 'this action needs a reason',
      { field: 'reason', value });
  }
  throw new SyncgovError('BODY_INVALID', 'assign needs the assignee',
    { field: 'assignee', value, expected: 'a team or person' });
}

/** Every action with whether the caller may take it now, for the UI. */
export function allowedActions(e: ExceptionRecord, roleAllows: (need: Role) => boolean,
  actor: string, policy: ReplayPolicy): AllowedAction[] {
  return ACTIONS.map((action) => {
    const why = refusal(e, action, roleAllows, actor, policy);
    return { action, allowed: why === null, reason: why };
  });
}

function refusal(e: ExceptionRecord, action: Action, roleAllows: (need: Role) => boolean,
  actor: string, policy: ReplayPolicy): string | null {
  if (!roleAllows(ACTION_ROLES[action])) return `needs the ${ACTION_ROLES[action]} role`;
  if (!ACTION_STATES[action].includes(e.state)) return `not possible while ${e.state}`;
  if (action === 'mark-corrected' && e.class !== 'invalid_master_data') {
    return 'only for invalid master data';
  }
  if (action === 'approve' && e.replayRequestedBy === actor) {
    return 'you asked for this replay: a second person must approve';
  }
  if (action === 'replay' && (policy.decision === 'never' || policy.decision === 'blocked')) {
    return policy.reason;
  }
  return null;
}
