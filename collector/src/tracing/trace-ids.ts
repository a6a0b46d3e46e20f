import { createHash } from 'node:crypto';

/**
 * The trace id of a message that middleware reported without one: derived
 * from its interface and message id, so every event of the message, every
 * replica and every replay of it land in the same trace.
 */
export function messageTraceId(interfaceId: string, messageId: string): string {
  return createHash('sha256').update(`${interfaceId}\n${messageId}`).digest('hex').slice(0, 32);
}

/** The trace a message belongs to: the one middleware sent, else its derived one. */
export function traceOf(message: { interfaceId: string; messageId: string;
  traceId: string | null }): string {
  return message.traceId ?? messageTraceId(message.interfaceId, message.messageId);
}
