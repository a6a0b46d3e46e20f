import type { ExceptionFilter } from './exception-store.js';

/** Collects parameters and names their placeholders: `?` or `$n`. */
export class Params {
  readonly values: unknown[] = [];

  constructor(private readonly style: 'sqlite' | 'postgres') {}

  add(value: unknown): string {
    this.values.push(value);
    return this.style === 'sqlite' ? '?' : `$${this.values.length}`;
  }

  list(values: readonly unknown[]): string {
    return values.map((v) => this.add(v)).join(', ');
  }
}

/**
 * The WHERE clause of an exception query over table alias `e`. A business
 * key matches the message's own keys and its related keys, so a delivery
 * number finds the completion that names it.
 */
export function exceptionWhere(filter: ExceptionFilter, p: Params): string {
  const conditions: string[] = [];
  const among = (column: string, values: readonly unknown[] | null | undefined) => {
    if (values === undefined || values === null) return;
    conditions.push(values.length === 0 ? 'FALSE' : `${column} IN (${p.list(values)})`);
  };
  among('e.label_plant', filter.plants);
  among('e.label_process', filter.processes);
  among('e.interface_id', filter.interfaces);
  among('e.class', filter.classes);
  among('e.owner', filter.owners);
  among('e.state', filter.states);
  among('e.severity', filter.severities);
  among('e.id', filter.ids);
  among('e.hold', filter.holds);
  among('e.fingerprint', filter.fingerprints);
  if (filter.retryDueBy !== undefined) {
    conditions.push(`(e.next_retry_at IS NULL OR e.next_retry_at <= ${p.add(filter.retryDueBy)})`);
  }
  if (filter.unresolved) conditions.push("e.state <> 'resolved'");
  if (filter.from !== undefined) conditions.push(`e.first_seen_at >= ${p.add(filter.from)}`);
  if (filter.to !== undefined) conditions.push(`e.first_seen_at < ${p.add(filter.to)}`);
  if (filter.businessKey) conditions.push(businessKeyCondition(filter.businessKey, p));
  return conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
}

// Placeholders are added in the order they appear in the text: SQLite's `?`
// binds by position.
function businessKeyCondition(key: { type: string | null; value: string }, p: Params): string {
  const value = p.add(key.value);
  const typed = key.type === null ? '' : ` AND k.key_type = ${p.add(key.type)}`;
  return `EXISTS (SELECT 1 FROM business_keys k WHERE k.interface_id = e.interface_id
    AND k.message_id = e.message_id AND k.key_value = ${value}${typed})`;
}

/** Keyset pagination: newest activity first, ties broken by id. */
export function encodeCursor(lastSeenAt: number, id: string): string {
  return Buffer.from(JSON.stringify([lastSeenAt, id])).toString('base64url');
}

export function decodeCursor(cursor: string): [number, string] | null {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'string') {
      return [value[0], value[1]];
    }
  } catch {
    return null;
  }
  return null;
}
