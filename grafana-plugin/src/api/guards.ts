import {
  anything,
  arrayOf,
  bool,
  type Check,
  nullable,
  num,
  oneOf,
  optional,
  recordOf,
  shape,
  str,
} from './checks';
import {
  type ActionResult,
  type AllowedAction,
  type BusinessKey,
  type Catalog,
  type CatalogInterface,
  type CollectorInfo,
  EXCEPTION_ACTIONS,
  EXCEPTION_CLASSES,
  EXCEPTION_STATES,
  type ExceptionDetail,
  type ExceptionPage,
  type ExceptionSummary,
  type ImpactCell,
  type ImpactReport,
  JOB_ITEM_STATES,
  type JobItemState,
  REPLAY_DECISIONS,
  REPLAY_JOB_STATES,
  type ReplayJob,
  type ReplayPlan,
  SEVERITIES,
  type TimelineEntry,
} from './types';

export const collectorInfoCheck: Check<CollectorInfo> = shape<CollectorInfo>({
  name: str,
  version: str,
  catalog: shape({
    organisation: str,
    plants: num,
    processes: num,
    interfaces: num,
    loadedAt: str,
  }),
});

const interfaceCheck = shape<CatalogInterface>({
  id: str,
  name: str,
  source: str,
  target: str,
  pattern: str,
  domain: str,
  process: str,
  plants: arrayOf(str),
  latencyObjectiveSeconds: num,
  successObjective: num,
  owners: optional(recordOf(str)),
  prerequisites: optional(arrayOf(str)),
  runbook: str,
});

export const catalogCheck: Check<Catalog> = shape<Catalog>({
  organisation: str,
  currency: str,
  plants: arrayOf(shape({ id: str, name: str, region: str, timezone: str })),
  processes: arrayOf(shape({ id: str, name: str, criticality: str })),
  owners: recordOf(str),
  interfaces: arrayOf(interfaceCheck),
});

const cellCheck = shape<ImpactCell>({
  plant: str,
  process: str,
  severity: oneOf(SEVERITIES),
  openExceptions: num,
  bySeverity: shape({ critical: num, high: num, medium: num, low: num }),
  slaBreaches: num,
  oldestAgeSeconds: nullable(num),
  businessKeysAffected: num,
  inFlight: num,
  oldestInFlightAgeSeconds: nullable(num),
  exposure: shape({ quantity: num, value: num }),
});

export const impactReportCheck: Check<ImpactReport> = shape<ImpactReport>({
  generatedAt: str,
  cells: arrayOf(cellCheck),
});

const businessKeyCheck = shape<BusinessKey>({ type: str, value: str });

const summaryFields = {
  id: str,
  interface: str,
  plant: str,
  process: str,
  class: oneOf(EXCEPTION_CLASSES),
  severity: oneOf(SEVERITIES),
  state: oneOf(EXCEPTION_STATES),
  owner: str,
  assignee: nullable(str),
  businessKey: businessKeyCheck,
  messageId: str,
  errorCode: nullable(str),
  errorMessage: nullable(str),
  occurrences: num,
  firstSeenAt: str,
  lastSeenAt: str,
  ageSeconds: num,
  recommendedAction: str,
  replayPolicy: shape({ decision: oneOf(REPLAY_DECISIONS), reason: str }),
};

export const exceptionSummaryCheck: Check<ExceptionSummary> =
  shape<ExceptionSummary>(summaryFields);

const timelineCheck = shape<TimelineEntry>({
  at: str,
  kind: oneOf(['event', 'replay', 'audit'] as const),
  summary: str,
  actor: nullable(str),
  detail: anything,
});

const allowedActionCheck = shape<AllowedAction>({
  action: oneOf(EXCEPTION_ACTIONS),
  allowed: bool,
  reason: nullable(str),
});

export const exceptionDetailCheck: Check<ExceptionDetail> = shape<ExceptionDetail>({
  ...summaryFields,
  relatedKeys: arrayOf(businessKeyCheck),
  traceId: str,
  payload: anything,
  payloadRef: nullable(str),
  timeline: arrayOf(timelineCheck),
  allowedActions: arrayOf(allowedActionCheck),
});

export const exceptionPageCheck: Check<ExceptionPage> = shape<ExceptionPage>({
  items: arrayOf(exceptionSummaryCheck),
  nextCursor: nullable(str),
  total: num,
});

export const actionResultCheck: Check<ActionResult> = shape<ActionResult>({
  status: str,
  exception: exceptionDetailCheck,
  replay: nullable(shape({ id: str, idempotencyKey: str, state: str, target: str })),
});

export const replayPlanCheck: Check<ReplayPlan> = shape<ReplayPlan>({
  count: num,
  replayable: num,
  plants: arrayOf(str),
  processes: arrayOf(str),
  interfaces: arrayOf(str),
  businessKeys: arrayOf(str),
  businessKeyCount: num,
  oldestAgeSeconds: nullable(num),
  duplicateRisk: shape({
    level: oneOf(['none', 'low', 'high'] as const),
    count: num,
    reasons: arrayOf(str),
  }),
  heldBack: arrayOf(shape({ decision: str, reason: str, count: num })),
});

const jobCounts = shape<ReplayJob['counts']>(
  Object.fromEntries(JOB_ITEM_STATES.map((state) => [state, num])) as {
    [K in JobItemState]: Check<number>;
  }
);

export const replayJobCheck: Check<ReplayJob> = shape<ReplayJob>({
  id: str,
  state: oneOf(REPLAY_JOB_STATES),
  total: num,
  counts: jobCounts,
});
