import type { ReplayTargetSpec } from '../catalog/schema.js';
import {
  expandEnvironment, type DeliveryOutcome, type DeliveryTarget, type ReplayMessage,
} from './delivery.js';

type HttpSpec = NonNullable<ReplayTargetSpec['http']>;

// Errors raised before a request could be written: nothing reached the target.
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Replays by HTTP: the stored payload as the body, the idempotency key as a header. */
export class HttpTarget implements DeliveryTarget {
  readonly kind = 'http';
  readonly description: string;

  constructor(private readonly spec: HttpSpec, private readonly defaultTimeoutMs: number) {
    // Described as written in the catalog: ${NAME} placeholders, never their values.
    this.description = `${spec.method} ${spec.url.replace(/\/\/[^/@]*@/, '//')}`;
  }

  async deliver(message: ReplayMessage): Promise<DeliveryOutcome> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'idempotency-key': message.idempotencyKey,
      'x-syncgov-exception': message.exceptionId,
      'x-syncgov-business-key': message.businessKey,
      'x-syncgov-interface': message.interfaceId,
      'x-syncgov-message-id': message.messageId,
      'x-syncgov-plant': message.plant,
      ...(message.traceparent === null ? {} : { traceparent: message.traceparent }),
    };
    for (const [name, value] of Object.entries(this.spec.headers ?? {})) {
      headers[name.toLowerCase()] = expandEnvironment(value);
    }
    try {
      const response = await fetch(expandEnvironment(this.spec.url), {
        method: this.spec.method,
        headers,
        body: message.payload,
        signal: AbortSignal.timeout(this.spec.timeoutMs ?? this.defaultTimeoutMs),
      });
      const text = await response.text();
      if (response.ok) return { kind: 'accepted', status: response.status };
      return { kind: 'refused', status: response.status, error: text.slice(0, 500) };
    } catch (err) {
      return failure(err);
    }
  }
}

function failure(err: unknown): DeliveryOutcome {
  const cause = (err as { cause?: { code?: string } }).cause;
  const code = cause?.code ?? (err as { name?: string }).name ?? 'error';
  if (NOT_SENT.has(code)) return { kind: 'not_sent', error: code };
  return { kind: 'unknown', error: code === 'TimeoutError' ? 'timed out waiting for the target' : code };
}
