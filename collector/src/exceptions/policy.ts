import type { ExceptionRecord } from '../store/exception-store.js';

/** What policy says of a replay, by the exception's class and circumstances. */
export type ReplayDecision =
  | 'allowed' | 'needs_approval' | 'held' | 'target_down' | 'blocked' | 'never';

export interface ReplayPolicy {
  decision: ReplayDecision;
  reason: string;
}

/** The circumstances a decision depends on besides the exception itself. */
export interface PolicyContext {
  /** The interface's target system is down at the exception's plant. */
  targetDown: boolean;
  /** A prerequisite interface delivered for the same business key. */
  prerequisiteDone: boolean;
}

/**
 * PRODUCT.md's remediation paths, as replay rules: duplicates never, master
 * data only once corrected, posting-rule rejections only after a second
 * person approves, nothing into an outage, sequence dependencies only once
 * their prerequisite has delivered.
 */
export function replayPolicy(e: ExceptionRecord, ctx: PolicyContext): ReplayPolicy {
  switch (e.class) {
    case 'duplicate':
      return { decision: 'never', reason: 'duplicate or conflict: the target already has the document' };
    case 'invalid_master_data':
      return e.correctedAt === null
        ? { decision: 'blocked', reason: 'blocked until the source record is marked corrected' }
        : allowedUnlessDown(ctx, `source record corrected by ${e.correctedBy ?? 'someone'}`);
    case 'posting_rule':
      return e.state === 'approved'
        ? allowedUnlessDown(ctx, `approved by ${e.approvedBy ?? 'an approver'}`)
        : { decision: 'needs_approval', reason: 'posting-rule rejection: a second person must approve' };
    case 'sequence_dependency':
      return ctx.prerequisiteDone
        ? allowedUnlessDown(ctx, 'the prerequisite has delivered for this business key')
        : { decision: 'held', reason: 'held until the prerequisite delivers for this business key' };
    default:
      return allowedUnlessDown(ctx, 'no policy holds this replay');
  }
}

function allowedUnlessDown(ctx: PolicyContext, reason: string): ReplayPolicy {
  if (ctx.targetDown) {
    return { decision: 'target_down', reason: 'the target system is down: the replay waits for recovery' };
  }
  return { decision: 'allowed', reason };
}
