/** What happened when a replay was handed to its target. */
export type DeliveryOutcome =
  /** The target took it (HTTP 2xx, or the broker confirmed the publish). */
  | { kind: 'accepted'; status: number | null }
  /** The target answered and refused it: nothing was delivered. */
  | { kind: 'refused'; status: number | null; error: string }
  /** It never left: no connection could be made. Safe to decide again. */
  | { kind: 'not_sent'; error: string }
  /** It may or may not have arrived (a timeout after sending). Never resend blindly. */
  | { kind: 'unknown'; error: string };

/** The message a replay hands over, with the headers that make it safe. */
export interface ReplayMessage {
  payload: string;
  idempotencyKey: string;
  exceptionId: string;
  /** type:value of the message's business key. */
  businessKey: string;
  interfaceId: string;
  messageId: string;
  plant: string;
  /** W3C trace context of the replay's span, when tracing is on. */
  traceparent: string | null;
}

/** A place a replay can be delivered to. */
export interface DeliveryTarget {
  readonly kind: 'http' | 'amqp';
  /** Where, for the ledger and the audit (never with credentials). */
  readonly description: string;
  deliver(message: ReplayMessage): Promise<DeliveryOutcome>;
}

/**
 * Replaces ${NAME} (or ${NAME:-fallback}) with the environment variable, so
 * secrets and per-site addresses stay out of the catalog.
 */
export function expandEnvironment(text: string, env: NodeJS.ProcessEnv = process.env): string {
  return text.replace(/\$\{([A-Z0-9_]+)(?::-([^}]*))?\}/g,
    (_, name: string, fallback: string | undefined) => env[name] || (fallback ?? ''));
}
