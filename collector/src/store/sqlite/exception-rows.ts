import type {
  AuditEntry,
  ExceptionFields,
  ExceptionRecord,
  ReplayRecord,
} from '../exception-store.js';

/** Column names of the fields a change may set. */
export const FIELD_COLUMNS: Record<keyof ExceptionFields, string> = {
  assignee: 'assignee',
  acknowledgedBy: 'acknowledged_by',
  replayRequestedBy: 'replay_requested_by',
  replayReason: 'replay_reason',
  approvedBy: 'approved_by',
  hold: 'hold',
  correctedBy: 'corrected_by',
  correctedAt: 'corrected_at',
  resolution: 'resolution',
  resolvedAt: 'resolved_at',
  attempts: 'attempts',
  nextRetryAt: 'next_retry_at',
  severity: 'severity',
  escalated: 'escalated',
};

type Row = Record<string, unknown>;

const num = (v: unknown): number => Number(v);
const optNum = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const optStr = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** Maps a row of `exceptions` (SQLite or PostgreSQL) to its record. */
export function toException(r: Row): ExceptionRecord {
  return {
    id: String(r.id),
    interfaceId: String(r.interface_id),
    messageId: String(r.message_id),
    plantId: String(r.plant_id),
    labels: { interface: String(r.label_interface), plant: String(r.label_plant),
      process: String(r.label_process) },
    businessKey: { type: String(r.business_key_type), value: String(r.business_key) },
    class: r.class as ExceptionRecord['class'],
    severity: r.severity as ExceptionRecord['severity'],
    owner: String(r.owner),
    state: r.state as ExceptionRecord['state'],
    fingerprint: String(r.fingerprint),
    recommendedAction: String(r.recommended_action),
    errorCode: optStr(r.error_code),
    errorMessage: optStr(r.error_message),
    occurrences: num(r.occurrences),
    firstSeenAt: num(r.first_seen_at),
    lastSeenAt: num(r.last_seen_at),
    slaDeadline: num(r.sla_deadline),
    resolvedAt: optNum(r.resolved_at),
    resolution: optStr(r.resolution) as ExceptionRecord['resolution'],
    assignee: optStr(r.assignee),
    acknowledgedBy: optStr(r.acknowledged_by),
    replayRequestedBy: optStr(r.replay_requested_by),
    replayReason: optStr(r.replay_reason),
    approvedBy: optStr(r.approved_by),
    hold: optStr(r.hold) as ExceptionRecord['hold'],
    correctedBy: optStr(r.corrected_by),
    correctedAt: optNum(r.corrected_at),
    replayCount: num(r.replay_count),
    attempts: num(r.attempts),
    nextRetryAt: optNum(r.next_retry_at),
    escalated: Boolean(num(r.escalated)),
    reopenCount: num(r.reopen_count),
    targetSystem: optStr(r.target_system),
    version: num(r.version),
  };
}

export function toReplay(r: Row): ReplayRecord {
  return {
    id: String(r.id),
    exceptionId: String(r.exception_id),
    idempotencyKey: String(r.idempotency_key),
    attempt: num(r.attempt),
    requestId: optStr(r.request_id),
    jobId: optStr(r.job_id),
    requestedBy: String(r.requested_by),
    approvedBy: optStr(r.approved_by),
    reason: optStr(r.reason),
    targetKind: r.target_kind as ReplayRecord['targetKind'],
    target: String(r.target),
    state: r.state as ReplayRecord['state'],
    createdAt: num(r.created_at),
    sentAt: optNum(r.sent_at),
    settledAt: optNum(r.settled_at),
    verifyDeadline: optNum(r.verify_deadline),
    responseStatus: optNum(r.response_status),
    error: optStr(r.error),
  };
}

export function toAudit(r: Row): AuditEntry {
  return {
    id: num(r.id),
    exceptionId: String(r.exception_id),
    at: num(r.at),
    actor: String(r.actor),
    tokenName: optStr(r.token_name),
    action: String(r.action),
    fromState: optStr(r.from_state) as AuditEntry['fromState'],
    toState: optStr(r.to_state) as AuditEntry['toState'],
    reason: optStr(r.reason),
    detail: r.detail === null || r.detail === undefined
      ? null
      : (typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail) as Record<string, unknown>,
  };
}

/** The SQL value of a field: booleans as 0/1, everything else as is. */
export function fieldValue(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value ?? null;
}
