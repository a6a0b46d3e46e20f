import { maskPayload } from '../access/index.js';
import type { Catalog } from '../catalog/catalog.js';
import type { AllowedAction } from '../exceptions/workflow.js';
import type { ReplayPolicy } from '../exceptions/policy.js';
import type {
  AuditEntry, ExceptionRecord, ReplayRecord,
} from '../store/exception-store.js';
import type { StoredEvent, StoredMessage } from '../store/store.js';
import { traceOf } from '../tracing/trace-ids.js';

/** Where the Grafana app shows an exception: stable, fit for alerts and tickets. */
export const APP_PATH = '/a/syncgov-governance-app';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** An exception as the work queue lists it. */
export function exceptionSummary(e: ExceptionRecord, policy: ReplayPolicy, now: number) {
  return {
    id: e.id,
    link: `${APP_PATH}/exceptions/${e.id}`,
    interface: e.interfaceId,
    plant: e.plantId,
    process: e.labels.process,
    class: e.class,
    severity: e.severity,
    state: e.state,
    owner: e.owner,
    assignee: e.assignee,
    businessKey: e.businessKey,
    businessKeyLink: `${APP_PATH}/exceptions?businessKey=${encodeURIComponent(
      `${e.businessKey.type}:${e.businessKey.value}`)}`,
    messageId: e.messageId,
    errorCode: e.errorCode,
    errorMessage: e.errorMessage,
    occurrences: e.occurrences,
    fingerprint: e.fingerprint,
    firstSeenAt: iso(e.firstSeenAt),
    lastSeenAt: iso(e.lastSeenAt),
    ageSeconds: Math.max(0, Math.round((now - e.firstSeenAt) / 1000)),
    slaBreached: now > e.slaDeadline && e.state !== 'resolved',
    hold: e.hold,
    escalated: e.escalated,
    resolution: e.resolution,
    recommendedAction: e.recommendedAction,
    replayPolicy: policy,
  };
}

export type ExceptionSummary = ReturnType<typeof exceptionSummary>;

export interface DetailParts {
  exception: ExceptionRecord;
  policy: ReplayPolicy;
  message: StoredMessage | undefined;
  history: StoredEvent[];
  replays: ReplayRecord[];
  audit: AuditEntry[];
  allowedActions: AllowedAction[];
}

/** An exception with its payload (sensitive fields masked), timeline and actions. */
export function exceptionDetail(catalog: Catalog, parts: DetailParts, now: number) {
  const { exception: e, message } = parts;
  const masks = catalog.interfaces.get(e.interfaceId)?.sensitiveFields ?? [];
  const payload = message?.payload ? maskPayload(JSON.parse(message.payload), masks) : null;
  return {
    ...exceptionSummary(e, parts.policy, now),
    relatedKeys: message?.relatedKeys ?? [],
    correlationId: message?.correlationId ?? null,
    traceId: traceOf(message ?? { ...e, traceId: null }),
    quantity: message?.quantity ?? null,
    value: message?.value ?? null,
    payload,
    payloadRef: message?.payloadRef ?? null,
    acknowledgedBy: e.acknowledgedBy,
    approvedBy: e.approvedBy,
    replayRequestedBy: e.replayRequestedBy,
    correctedBy: e.correctedBy,
    timeline: timeline(parts),
    replays: parts.replays.map((r) => ({ ...r, createdAt: iso(r.createdAt),
      sentAt: iso(r.sentAt), settledAt: iso(r.settledAt), verifyDeadline: iso(r.verifyDeadline) })),
    allowedActions: parts.allowedActions,
  };
}

interface TimelineEntry {
  at: string;
  kind: 'event' | 'replay' | 'audit';
  summary: string;
  actor: string | null;
  detail: Record<string, unknown> | null;
}

function timeline(parts: DetailParts): TimelineEntry[] {
  const entries: (TimelineEntry & { ms: number })[] = [
    ...parts.history.map((h) => ({
      ms: h.eventTime, at: iso(h.eventTime) as string, kind: 'event' as const,
      summary: h.errorMessage ? `${h.stage}: ${h.errorMessage}` : h.stage, actor: null,
      detail: { errorCode: h.errorCode, httpStatus: h.httpStatus },
    })),
    ...parts.replays.map((r) => ({
      ms: r.createdAt, at: iso(r.createdAt) as string, kind: 'replay' as const,
      summary: `replay ${r.attempt} to ${r.target}: ${r.state}`, actor: r.requestedBy,
      detail: { idempotencyKey: r.idempotencyKey, responseStatus: r.responseStatus,
        error: r.error },
    })),
    ...parts.audit.map((a) => ({
      ms: a.at, at: iso(a.at) as string, kind: 'audit' as const,
      summary: a.fromState && a.toState && a.fromState !== a.toState
        ? `${a.action}: ${a.fromState} → ${a.toState}` : a.action,
      actor: a.actor, detail: { reason: a.reason, ...a.detail },
    })),
  ];
  return entries.sort((a, b) => a.ms - b.ms).map(({ ms: _ms, ...entry }) => entry);
}
