import { createHash } from 'node:crypto';

/**
 * The stable id of the exception a message raises. Derived from the message
 * so that a repeat failure re-opens the same exception and a deep link to it
 * never goes stale.
 */
export function exceptionId(interfaceId: string, messageId: string): string {
  const digest = createHash('sha256').update(`${interfaceId}\n${messageId}`).digest('hex');
  return `ex-${digest.slice(0, 20)}`;
}
