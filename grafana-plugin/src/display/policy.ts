import { type ExceptionSummary, type ReplayDecision } from '../api/types';

/** What pressing Replay will do under each policy decision, in one sentence. */
const CONSEQUENCE: Record<ReplayDecision, string> = {
  allowed: 'The stored message is sent once to the target, with an idempotency key.',
  needs_approval: 'Your request goes to an approver; nothing is sent until it is approved.',
  held: 'Nothing is sent: the message waits until its prerequisite completes.',
  target_down:
    'Nothing is sent: the target system is down, and replaying into an outage is refused.',
  blocked: 'Nothing is sent: policy blocks replay for this exception.',
  never: 'Nothing is sent: this class is never replayed; confirm and resolve it instead.',
};

export function replayConsequence(exception: ExceptionSummary): string {
  return CONSEQUENCE[exception.replayPolicy.decision];
}

/** The decisions whose replay sends or requests something. */
export function replayMaySend(decision: ReplayDecision): boolean {
  return decision === 'allowed' || decision === 'needs_approval';
}
