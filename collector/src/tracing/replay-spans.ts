import { SpanKind, SpanStatusCode, type Span } from '@opentelemetry/api';
import type { DeliveryOutcome } from '../replay/delivery.js';
import type { ExceptionRecord, ReplayRecord } from '../store/exception-store.js';
import { present, traceparentOf, type Tracing } from './tracing.js';

/** The span of one replay, open while the target has it. */
export interface ReplaySpan {
  /** What the target receives as `traceparent`, or null with tracing off. */
  traceparent: string | null;
  end(result: 'sent' | 'unknown' | 'failed', outcome: DeliveryOutcome): void;
}

/**
 * Opens a producer span for a replay in the trace of the message it
 * re-delivers, so the original journey and every replay of it read as one
 * trace, and the target can continue it.
 */
export function replaySpan(tracing: Tracing, e: ExceptionRecord, replay: ReplayRecord,
  traceId: string): ReplaySpan {
  if (!tracing.enabled) return { traceparent: null, end: () => undefined };

  const span = tracing.start(`replay ${e.labels.interface}`, {
    traceId, parentSpanId: null, kind: SpanKind.PRODUCER, startTime: Date.now(),
    attributes: present({
      'syncgov.interface': e.interfaceId,
      'syncgov.plant': e.plantId,
      'syncgov.process': e.labels.process,
      'syncgov.business_key': `${e.businessKey.type}:${e.businessKey.value}`,
      'messaging.message.id': e.messageId,
      'syncgov.exception.id': e.id,
      'syncgov.exception.class': e.class,
      'syncgov.replay.id': replay.id,
      'syncgov.replay.attempt': replay.attempt,
      'syncgov.replay.idempotency_key': replay.idempotencyKey,
      'syncgov.replay.target': replay.target,
      'syncgov.replay.job_id': replay.jobId ?? undefined,
    }),
  });
  return {
    traceparent: traceparentOf(span),
    end: (result, outcome) => endReplaySpan(span, result, outcome),
  };
}

function endReplaySpan(span: Span, result: string, outcome: DeliveryOutcome): void {
  span.setAttribute('syncgov.replay.result', result);
  if ((outcome.kind === 'accepted' || outcome.kind === 'refused') && outcome.status !== null) {
    span.setAttribute('http.response.status_code', outcome.status);
  }
  if (outcome.kind !== 'accepted') {
    span.setStatus({ code: SpanStatusCode.ERROR, message: outcome.error });
  }
  span.end();
}
