import { Type, type Static } from 'typebox';
import { requirePrincipal, scopeFilter } from '../access/index.js';
import { SyncgovError } from '../errors/catalogue.js';
import { EXCEPTION_CLASSES, SEVERITIES } from '../exceptions/taxonomy.js';
import { decodeCursor } from '../store/exception-filter-sql.js';
import { EXCEPTION_STATES, type ExceptionFilter, type ExceptionState } from '../store/exception-store.js';
import type { FastifyRequest } from 'fastify';

const List = Type.Optional(Type.String({ description: 'one value, or several separated by commas' }));

/** The filters of the exception list and of bulk replays, as query or body fields. */
export const ExceptionQuery = Type.Object({
  plant: List,
  process: List,
  interface: List,
  class: List,
  owner: List,
  state: List,
  severity: List,
  fingerprint: Type.Optional(Type.String({ description: 'exceptions of one problem' })),
  businessKey: Type.Optional(Type.String({ minLength: 1,
    description: 'type:value (production_order:PO-1) or a bare value of any type' })),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
});

export type ExceptionQuery = Static<typeof ExceptionQuery>;

const split = (value: string | undefined) =>
  value === undefined ? undefined : value.split(',').map((v) => v.trim()).filter(Boolean);

/** Turns query fields into a store filter, narrowed to what the caller's token may see. */
export function toFilter(request: FastifyRequest, q: ExceptionQuery): ExceptionFilter {
  const scope = scopeFilter(requirePrincipal(request));
  const states = known('state', split(q.state), EXCEPTION_STATES);
  return {
    plants: narrow(split(q.plant), scope.plants),
    processes: narrow(split(q.process), scope.processes),
    interfaces: split(q.interface),
    classes: known('class', split(q.class), EXCEPTION_CLASSES),
    owners: split(q.owner),
    states: states as ExceptionState[] | undefined,
    severities: known('severity', split(q.severity), SEVERITIES),
    ...(q.businessKey ? { businessKey: parseKey(q.businessKey) } : {}),
    ...(q.fingerprint ? { fingerprints: split(q.fingerprint) } : {}),
    ...(q.from ? { from: Date.parse(q.from) } : {}),
    ...(q.to ? { to: Date.parse(q.to) } : {}),
  };
}

// A misspelt state, class or severity would silently match nothing: refuse it.
function known(field: string, values: string[] | undefined, allowed: readonly string[]):
  string[] | undefined {
  const unknown = values?.find((v) => !allowed.includes(v));
  if (unknown !== undefined) {
    throw new SyncgovError('QUERY_INVALID', `unknown ${field} ${unknown}`,
      { field, value: unknown, expected: `one of ${allowed.join(', ')}` });
  }
  return values;
}

function narrow(asked: string[] | undefined, allowed: string[] | null): string[] | undefined {
  if (allowed === null) return asked;
  return asked === undefined ? allowed : asked.filter((v) => allowed.includes(v));
}

/**
 * The cursor of a page, checked: a damaged one would otherwise restart the
 * list from the first page and show items twice.
 */
export function toCursor(text: string | undefined): string | null {
  if (text === undefined) return null;
  if (decodeCursor(text) === null) {
    throw new SyncgovError('QUERY_INVALID', 'the cursor is not one this API returned',
      { field: 'cursor', value: text, expected: 'the nextCursor of the previous page' });
  }
  return text;
}

/** `type:value`, or a bare value that matches a key of any type. */
export function parseKey(text: string): { type: string | null; value: string } {
  const match = /^([a-z][a-z0-9_]{0,63}):(.+)$/.exec(text);
  return match ? { type: match[1] as string, value: match[2] as string }
    : { type: null, value: text };
}
