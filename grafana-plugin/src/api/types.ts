/** Shapes of the collector's /v1 API, as this plugin reads them. */

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'none'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const EXCEPTION_CLASSES = [
  'transient',
  'invalid_master_data',
  'mapping',
  'sequence_dependency',
  'posting_rule',
  'upstream_outage',
  'duplicate',
  'unknown',
] as const;
export type ExceptionClass = (typeof EXCEPTION_CLASSES)[number];

export const EXCEPTION_STATES = [
  'open',
  'acknowledged',
  'awaiting_approval',
  'approved',
  'replaying',
  'resolved',
] as const;
export type ExceptionState = (typeof EXCEPTION_STATES)[number];

export const REPLAY_DECISIONS = [
  'allowed',
  'needs_approval',
  'held',
  'target_down',
  'blocked',
  'never',
] as const;
export type ReplayDecision = (typeof REPLAY_DECISIONS)[number];

export const EXCEPTION_ACTIONS = [
  'acknowledge',
  'assign',
  'replay',
  'approve',
  'reject',
  'resolve',
  'ignore',
  'mark-corrected',
] as const;
export type ExceptionAction = (typeof EXCEPTION_ACTIONS)[number];

export interface CatalogSummary {
  organisation: string;
  plants: number;
  processes: number;
  interfaces: number;
  loadedAt: string;
}

export interface CollectorInfo {
  name: string;
  version: string;
  catalog: CatalogSummary;
}

export interface Plant {
  id: string;
  name: string;
  region: string;
  timezone: string;
}

export interface BusinessProcess {
  id: string;
  name: string;
  criticality: string;
}

export interface CatalogInterface {
  id: string;
  name: string;
  source: string;
  target: string;
  pattern: string;
  domain: string;
  process: string;
  plants: string[];
  latencyObjectiveSeconds: number;
  successObjective: number;
  /** Only the classes whose owner differs from the catalog-wide owner. */
  owners?: Record<string, string>;
  prerequisites?: string[];
  runbook: string;
}

export interface Catalog {
  organisation: string;
  currency: string;
  plants: Plant[];
  processes: BusinessProcess[];
  owners: Record<string, string>;
  interfaces: CatalogInterface[];
}

export interface SeverityCounts {
  critical: number;
  high: number;
  medium: number;
  low: number;
}

export interface ImpactCell {
  plant: string;
  process: string;
  severity: Severity;
  openExceptions: number;
  bySeverity: SeverityCounts;
  slaBreaches: number;
  oldestAgeSeconds: number | null;
  businessKeysAffected: number;
  inFlight: number;
  oldestInFlightAgeSeconds: number | null;
  exposure: { quantity: number; value: number };
}

export interface ImpactReport {
  generatedAt: string;
  cells: ImpactCell[];
}

export interface BusinessKey {
  type: string;
  value: string;
}

export interface ReplayPolicy {
  decision: ReplayDecision;
  reason: string;
}

export interface ExceptionSummary {
  id: string;
  interface: string;
  plant: string;
  process: string;
  class: ExceptionClass;
  severity: Severity;
  state: ExceptionState;
  owner: string;
  assignee: string | null;
  businessKey: BusinessKey;
  messageId: string;
  errorCode: string | null;
  errorMessage: string | null;
  occurrences: number;
  firstSeenAt: string;
  lastSeenAt: string;
  ageSeconds: number;
  recommendedAction: string;
  replayPolicy: ReplayPolicy;
}

export interface TimelineEntry {
  at: string;
  kind: 'event' | 'replay' | 'audit';
  summary: string;
  actor: string | null;
  detail: unknown;
}

export interface AllowedAction {
  action: ExceptionAction;
  allowed: boolean;
  reason: string | null;
}

export interface ExceptionDetail extends ExceptionSummary {
  relatedKeys: BusinessKey[];
  /** The message's trace: the one middleware sent, or the collector's derived one. */
  traceId: string;
  payload: unknown;
  payloadRef: string | null;
  timeline: TimelineEntry[];
  allowedActions: AllowedAction[];
}

export interface ExceptionPage {
  items: ExceptionSummary[];
  nextCursor: string | null;
  total: number;
}

/** A replay as the collector records it. */
export interface ReplayRecord {
  id: string;
  idempotencyKey: string;
  state: string;
  target: string;
}

/** What came of a replay request, in the collector's words. */
export type ActionStatus =
  | 'sent'
  | 'unknown'
  | 'failed'
  | 'awaiting_approval'
  | 'held'
  | 'deferred'
  | 'already_requested'
  | string;

export interface ActionResult {
  status: ActionStatus;
  exception: ExceptionDetail;
  replay: ReplayRecord | null;
}

/** The filter of the work queue; every field narrows the list. */
export interface ExceptionFilter {
  plant?: string;
  process?: string;
  interface?: string;
  class?: string;
  owner?: string;
  state?: string;
  severity?: string;
  businessKey?: string;
}

export interface ReplayFilter {
  plant?: string;
  process?: string;
  interface?: string;
  class?: string;
  from?: string;
  to?: string;
  businessKey?: string;
}

export interface DuplicateRisk {
  level: 'none' | 'low' | 'high';
  count: number;
  reasons: string[];
}

export interface ReplayPlan {
  count: number;
  replayable: number;
  plants: string[];
  processes: string[];
  interfaces: string[];
  /** The first keys only; businessKeyCount says how many there are. */
  businessKeys: string[];
  businessKeyCount: number;
  oldestAgeSeconds: number | null;
  duplicateRisk: DuplicateRisk;
  heldBack: Array<{ decision: string; reason: string; count: number }>;
}

export const REPLAY_JOB_STATES = ['running', 'done', 'cancelled'] as const;
export type ReplayJobState = (typeof REPLAY_JOB_STATES)[number];

export const JOB_ITEM_STATES = [
  'pending',
  'sent',
  'unknown',
  'failed',
  'skipped',
  'held',
  'cancelled',
] as const;
export type JobItemState = (typeof JOB_ITEM_STATES)[number];

export interface ReplayJob {
  id: string;
  state: ReplayJobState;
  total: number;
  counts: Record<JobItemState, number>;
}
