import type { ExceptionClass, Severity } from '../exceptions/taxonomy.js';
import type { BusinessKey } from '../ingest/event-schema.js';
import type { FlowLabels } from './store.js';

export const EXCEPTION_STATES = [
  'open', 'acknowledged', 'awaiting_approval', 'approved', 'replaying', 'resolved',
] as const;

export type ExceptionState = (typeof EXCEPTION_STATES)[number];

/** Why an exception waits without anyone acting: policy holds it. */
export type Hold = 'prerequisite' | 'outage';

export const RESOLUTIONS = [
  'delivered', 'replay_verified', 'fixed_at_source', 'ignored',
] as const;

export type Resolution = (typeof RESOLUTIONS)[number];

/** One exception: a failed message that needs a decision. Times are epoch ms. */
export interface ExceptionRecord {
  id: string;
  interfaceId: string;
  messageId: string;
  plantId: string;
  labels: FlowLabels;
  businessKey: BusinessKey;
  class: ExceptionClass;
  severity: Severity;
  owner: string;
  state: ExceptionState;
  fingerprint: string;
  recommendedAction: string;
  errorCode: string | null;
  errorMessage: string | null;
  occurrences: number;
  firstSeenAt: number;
  lastSeenAt: number;
  slaDeadline: number;
  resolvedAt: number | null;
  resolution: Resolution | null;
  assignee: string | null;
  acknowledgedBy: string | null;
  replayRequestedBy: string | null;
  replayReason: string | null;
  approvedBy: string | null;
  hold: Hold | null;
  correctedBy: string | null;
  correctedAt: number | null;
  replayCount: number;
  attempts: number;
  nextRetryAt: number | null;
  escalated: boolean;
  reopenCount: number;
  targetSystem: string | null;
  version: number;
}

/** The fields a change may set besides the state. */
export type ExceptionFields = Partial<Pick<ExceptionRecord,
  'assignee' | 'acknowledgedBy' | 'replayRequestedBy' | 'replayReason' | 'approvedBy' | 'hold'
  | 'correctedBy' | 'correctedAt' | 'resolution' | 'resolvedAt' | 'attempts' | 'nextRetryAt'
  | 'severity' | 'escalated'>>;

/** One line of the append-only audit log. */
export interface AuditEntry {
  id: number;
  exceptionId: string;
  at: number;
  actor: string;
  tokenName: string | null;
  action: string;
  fromState: ExceptionState | null;
  toState: ExceptionState | null;
  reason: string | null;
  detail: Record<string, unknown> | null;
}

export type AuditInput = Omit<AuditEntry, 'id' | 'exceptionId' | 'fromState' | 'toState'>;

export const REPLAY_STATES = [
  'sending', 'sent', 'failed', 'unknown', 'verified', 'unverified', 'cancelled',
] as const;

export type ReplayState = (typeof REPLAY_STATES)[number];

/** One row of the replay ledger, written before anything is sent. */
export interface ReplayRecord {
  id: string;
  exceptionId: string;
  idempotencyKey: string;
  attempt: number;
  requestId: string | null;
  jobId: string | null;
  requestedBy: string;
  approvedBy: string | null;
  reason: string | null;
  targetKind: 'http' | 'amqp';
  target: string;
  state: ReplayState;
  createdAt: number;
  sentAt: number | null;
  settledAt: number | null;
  verifyDeadline: number | null;
  responseStatus: number | null;
  error: string | null;
}

export interface NewReplay {
  requestId: string | null;
  jobId: string | null;
  requestedBy: string;
  approvedBy: string | null;
  reason: string | null;
  targetKind: 'http' | 'amqp';
  target: string;
}

/**
 * A guarded change of one exception: it applies only while the exception is
 * in one of the `from` states. This conditional update is what makes replay
 * exclusive, across processes and replicas alike.
 */
export interface ExceptionChange {
  exceptionId: string;
  from: readonly ExceptionState[];
  to: ExceptionState;
  set?: ExceptionFields;
  audit: AuditInput;
  replay?: NewReplay;
}

export interface ChangeResult {
  exception: ExceptionRecord;
  replay: ReplayRecord | null;
}

/** The outcome of a send, written to the ledger. */
export interface ReplaySettlement {
  state: ReplayState;
  at: number;
  responseStatus?: number | null;
  error?: string | null;
  verifyDeadline?: number | null;
}

/** Raised when a guarded change finds the exception in another state. */
export class ChangeConflictError extends Error {
  constructor(readonly current: ExceptionRecord | undefined) {
    super(current
      ? `exception ${current.id} is ${current.state}`
      : 'exception not found');
    this.name = 'ChangeConflictError';
  }
}

export interface ExceptionFilter {
  plants?: readonly string[] | null;
  processes?: readonly string[] | null;
  interfaces?: readonly string[];
  classes?: readonly string[];
  owners?: readonly string[];
  states?: readonly ExceptionState[];
  severities?: readonly string[];
  businessKey?: { type: string | null; value: string };
  from?: number;
  to?: number;
  ids?: readonly string[];
  unresolved?: boolean;
  holds?: readonly Hold[];
  fingerprints?: readonly string[];
  /** Only exceptions whose automatic retry is due by this time (epoch ms). */
  retryDueBy?: number;
}

export interface ExceptionPage {
  items: ExceptionRecord[];
  total: number;
  nextCursor: string | null;
}

export interface ImpactRow {
  plant: string;
  process: string;
  severity: Severity;
  open: number;
  oldestFirstSeenAt: number;
  slaBreaches: number;
  /** Distinct business keys of the whole plant and process, repeated on each row. */
  businessKeys: number;
}

export interface SystemStatusRow {
  system: string;
  plant: string;
  downSince: number | null;
}

/** What the exception workflow and replay engine keep. */
export const JOB_STATES = ['running', 'done', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

export const JOB_ITEM_STATES = [
  'pending', 'sent', 'unknown', 'failed', 'skipped', 'held', 'cancelled',
] as const;
export type JobItemState = (typeof JOB_ITEM_STATES)[number];

/** A bulk replay: its filter, its pace and how far it has come. */
export interface ReplayJob {
  id: string;
  filter: ExceptionFilter;
  state: JobState;
  round: number;
  ratePerSecond: number;
  createdBy: string;
  tokenName: string | null;
  createdAt: number;
  updatedAt: number;
  counts: Record<JobItemState, number>;
  total: number;
}

export interface JobItem {
  jobId: string;
  exceptionId: string;
  position: number;
  state: JobItemState;
  outcome: string | null;
  replayId: string | null;
}

export interface NewJob {
  id: string;
  filter: ExceptionFilter;
  ratePerSecond: number;
  createdBy: string;
  tokenName: string | null;
  createdAt: number;
  /** Exception ids in the order they are to be replayed. */
  exceptionIds: readonly string[];
}

/** Bulk replay jobs, kept so that one can be followed, cancelled and resumed. */
export interface JobStore {
  createJob(job: NewJob): Promise<ReplayJob>;
  getJob(id: string): Promise<ReplayJob | undefined>;
  listJobs(limit: number): Promise<ReplayJob[]>;
  jobItems(id: string): Promise<JobItem[]>;
  /** The next items still pending, in order. */
  pendingItems(id: string, limit: number): Promise<JobItem[]>;
  settleJobItem(id: string, exceptionId: string, state: JobItemState, outcome: string | null,
    replayId: string | null): Promise<void>;
  /** Moves a job from one of `from` to `to`; false when it was in another state. */
  setJobState(id: string, from: readonly JobState[], to: JobState, at: number): Promise<boolean>;
  /** Puts failed and never-sent items back to pending for another round. */
  resumeJob(id: string, at: number): Promise<ReplayJob | undefined>;
  /** Jobs left running, for a collector that starts to take over. */
  runningJobs(): Promise<ReplayJob[]>;
}

export interface ExceptionStore extends JobStore {
  getException(id: string): Promise<ExceptionRecord | undefined>;
  listExceptions(filter: ExceptionFilter, limit: number, cursor: string | null):
    Promise<ExceptionPage>;
  /** Unresolved exceptions per plant, process and severity, for the impact view. */
  impact(filter: ExceptionFilter, now: number): Promise<ImpactRow[]>;
  applyChange(change: ExceptionChange): Promise<ChangeResult>;
  /**
   * Records a send's outcome, only while the ledger row is in one of `from`
   * (a delivery may have verified it meanwhile); then applies `change`.
   * Returns whether the row was settled.
   */
  settleReplay(replayId: string, from: readonly ReplayState[], settlement: ReplaySettlement,
    change?: ExceptionChange): Promise<boolean>;
  getReplay(id: string): Promise<ReplayRecord | undefined>;
  replayByRequest(requestId: string): Promise<ReplayRecord | undefined>;
  replaysOf(exceptionId: string): Promise<ReplayRecord[]>;
  /** Replays sent or of unknown outcome whose verification deadline has passed. */
  overdueReplays(now: number): Promise<ReplayRecord[]>;
  auditTrail(exceptionId: string): Promise<AuditEntry[]>;
  /** Whether a prerequisite interface delivered a message for this business key. */
  prerequisiteDelivered(interfaces: readonly string[], key: BusinessKey): Promise<boolean>;
  systemStatus(): Promise<SystemStatusRow[]>;
  /** Appends to the audit log without a state change (a severity raise, say). */
  appendAudit(exceptionId: string, entry: AuditInput): Promise<void>;
}
