import { SpanKind, SpanStatusCode, type Attributes } from '@opentelemetry/api';
import type { BusinessKey } from '../ingest/event-schema.js';
import type { EventOutcome, EventRecord } from '../store/store.js';
import { present, type Tracing } from './tracing.js';

/**
 * Records one span for a message that reached its outcome: from its source
 * time (or first event) to the delivery or failure, in the message's trace,
 * carrying the business keys that metrics must never carry.
 */
export function recordMessageSpan(tracing: Tracing, record: EventRecord, outcome: EventOutcome,
  traceId: string): void {
  if (!tracing.enabled) return;

  // A middleware span continues only a trace that middleware started.
  const parentSpanId = outcome.traceId === null ? null : record.spanId;
  const span = tracing.start(`message ${record.labels.interface}`, {
    traceId, parentSpanId, kind: SpanKind.INTERNAL,
    startTime: outcome.startedAt, attributes: messageAttributes(record, outcome),
  });

  span.addEvent(record.stage, record.errorCode === null ? {} : { 'error.type': record.errorCode },
    record.eventTime);
  if (outcome.state === 'failed') {
    span.setStatus({ code: SpanStatusCode.ERROR, message: record.errorCode ?? 'failed' });
  }
  span.end(Math.max(record.eventTime, outcome.startedAt));
}

function messageAttributes(record: EventRecord, outcome: EventOutcome): Attributes {
  const c = record.classification;
  return present({
    'syncgov.interface': record.interfaceId,
    'syncgov.plant': record.plantId,
    'syncgov.process': record.labels.process,
    'syncgov.outcome': outcome.state,
    'syncgov.source_system': record.sourceSystem ?? undefined,
    'syncgov.target_system': record.targetSystem ?? undefined,
    'messaging.message.id': record.messageId,
    'messaging.message.conversation_id': record.correlationId ?? undefined,
    'syncgov.business_key': `${record.businessKey.type}:${record.businessKey.value}`,
    ...keyAttributes('syncgov.business_key', record.businessKeys),
    ...keyAttributes('syncgov.related_key', record.relatedKeys),
    'syncgov.quantity': record.quantity ?? undefined,
    'syncgov.unit': record.unit ?? undefined,
    'syncgov.value': record.value ?? undefined,
    'syncgov.currency': record.currency ?? undefined,
    'error.type': outcome.state === 'failed' ? record.errorCode ?? 'failed' : undefined,
    'syncgov.exception.class': c?.class,
    'syncgov.exception.owner': c?.owner,
    'syncgov.exception.severity': c?.severity,
  });
}

// One attribute per key type; several keys of one type become an array.
function keyAttributes(prefix: string, keys: readonly BusinessKey[]): Attributes {
  const byType = new Map<string, string[]>();
  for (const key of keys) byType.set(key.type, [...(byType.get(key.type) ?? []), key.value]);
  return Object.fromEntries([...byType].map(([type, values]) =>
    [`${prefix}.${type}`, values.length === 1 ? values[0] : values]));
}
