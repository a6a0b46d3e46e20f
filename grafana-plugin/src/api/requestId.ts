/**
 * A random id for one user decision. Sent with the action so that a second
 * click, a retry or a refresh of the same decision changes nothing.
 * `crypto.randomUUID` needs a secure context, which a Grafana served over
 * plain HTTP is not, so the id is built from `getRandomValues`.
 */
export function newRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    hex.slice(12, 16),
    hex.slice(16, 20),
    hex.slice(20),
  ].join('-');
}
