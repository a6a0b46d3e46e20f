import { type ReplayJob } from '../../api/types';

/** A bulk replay's counts in the four words an operator reads. */
export interface Progress {
  handled: number;
  delivered: number;
  failed: number;
  skipped: number;
}

export function progressOf(job: ReplayJob): Progress {
  const { counts } = job;
  return {
    handled: job.total - counts.pending,
    delivered: counts.sent,
    failed: counts.failed + counts.unknown,
    skipped: counts.skipped + counts.held + counts.cancelled,
  };
}
