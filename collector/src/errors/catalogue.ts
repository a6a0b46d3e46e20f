import { STATUS_CODES } from 'node:http';

/** One entry of the error catalogue: a stable code, its HTTP status and the fix. */
export interface ErrorDefinition {
  readonly code: string;
  readonly statusCode: number;
  readonly hint: string;
}

function define(code: string, statusCode: number, hint: string): ErrorDefinition {
  return { code: `SYNCGOV_${code}`, statusCode, hint };
}

/**
 * Every error the collector can answer with. Codes are stable: clients and
 * alerts may match on them. The README lists them and a test keeps the two
 * in agreement.
 */
export const ERRORS = {
  BODY_INVALID: define('BODY_INVALID', 400,
    'send a JSON object shaped as the route documents; see /openapi.json'),
  BODY_TOO_LARGE: define('BODY_TOO_LARGE', 413,
    'split the batch into smaller ones or raise ingest.bodyLimitBytes'),
  BATCH_TOO_LARGE: define('BATCH_TOO_LARGE', 413,
    'send at most ingest.maxBatchEvents events per request'),
  MEDIA_TYPE_UNSUPPORTED: define('MEDIA_TYPE_UNSUPPORTED', 415,
    'send the body as application/json'),
  EVENT_INVALID: define('EVENT_INVALID', 400,
    'correct the field named in `field` and send this event again'),
  EVENT_UNKNOWN_INTERFACE: define('EVENT_UNKNOWN_INTERFACE', 202,
    'add the interface to the catalog or correct the id; the event is kept and counted as _unknown'),
  EVENT_UNKNOWN_PLANT: define('EVENT_UNKNOWN_PLANT', 202,
    'add the plant to the catalog or correct the id; the event is kept and counted as _unknown'),
  EVENT_PLANT_NOT_SERVED: define('EVENT_PLANT_NOT_SERVED', 202,
    'add the plant to the interface\'s plants in the catalog, or correct the event'),
  EVENT_DUPLICATE: define('EVENT_DUPLICATE', 200,
    'nothing to do: this event was recorded before and is acknowledged again'),
  CATALOG_INVALID: define('CATALOG_INVALID', 422,
    'correct every error listed; the last good catalog stays in force'),
  CONFIG_INVALID: define('CONFIG_INVALID', 500,
    'correct the configuration file or environment variable named in `field`'),
  AUTH_TOKEN_MISSING: define('AUTH_TOKEN_MISSING', 401,
    'send Authorization: Bearer <token>; ask an admin for a token with the role you need'),
  AUTH_TOKEN_INVALID: define('AUTH_TOKEN_INVALID', 401,
    'the token is unknown or revoked; check it, or ask an admin for a new one'),
  AUTH_ROLE_FORBIDDEN: define('AUTH_ROLE_FORBIDDEN', 403,
    'use a token whose role is at least the one in `expected`'),
  AUTH_SCOPE_FORBIDDEN: define('AUTH_SCOPE_FORBIDDEN', 403,
    'the token is scoped to other plants or processes; use a token that covers this one'),
  RATE_LIMITED: define('RATE_LIMITED', 429,
    'too many actions in a short time; wait for the Retry-After header and try again'),
  QUERY_INVALID: define('QUERY_INVALID', 400,
    'correct the query parameter named in `field`; see /openapi.json'),
  EXCEPTION_NOT_FOUND: define('EXCEPTION_NOT_FOUND', 404,
    'check the exception id; list exceptions with GET /v1/exceptions'),
  JOB_NOT_FOUND: define('JOB_NOT_FOUND', 404,
    'check the job id; bulk replays are listed by GET /v1/replays/jobs'),
  TRANSITION_INVALID: define('TRANSITION_INVALID', 409,
    'the exception is not in a state that allows this action; reload it and see allowedActions'),
  VERSION_CONFLICT: define('VERSION_CONFLICT', 409,
    'someone changed the exception meanwhile; reload it and decide again'),
  REPLAY_IN_PROGRESS: define('REPLAY_IN_PROGRESS', 409,
    'a replay of this exception is already under way; wait for its outcome'),
  REPLAY_NO_TARGET: define('REPLAY_NO_TARGET', 409,
    'declare a replay target for the interface in the catalog, or resolve the exception at source'),
  REPLAY_NO_PAYLOAD: define('REPLAY_NO_PAYLOAD', 409,
    'the message was reported without a payload; resend it from the source system'),
  POLICY_NEVER_REPLAY: define('POLICY_NEVER_REPLAY', 409,
    'duplicates are never replayed: confirm the target has the document, then resolve'),
  POLICY_BLOCKED: define('POLICY_BLOCKED', 409,
    'correct the source record, mark it corrected (mark-corrected), then replay'),
  POLICY_FOUR_EYES: define('POLICY_FOUR_EYES', 403,
    'a second person must approve: the approver cannot be the one who asked for the replay'),
  REASON_REQUIRED: define('REASON_REQUIRED', 400,
    'give a reason: it goes into the audit log'),
  ROUTE_NOT_FOUND: define('ROUTE_NOT_FOUND', 404,
    'check the method and path against /openapi.json'),
  SHUTTING_DOWN: define('SHUTTING_DOWN', 503,
    'the collector is stopping; retry against another replica or after restart'),
  STORE_UNAVAILABLE: define('STORE_UNAVAILABLE', 503,
    'the store could not be reached; retry later and check the collector log'),
  INTERNAL: define('INTERNAL', 500,
    'retry; if it persists, report it with the request id from the log'),
} as const satisfies Record<string, ErrorDefinition>;

export type ErrorName = keyof typeof ERRORS;

/** The JSON body of every error answer. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  error: string;
  message: string;
  field?: string;
  value?: unknown;
  expected?: string;
  problems?: unknown[];
  hint: string;
}

/** Details that locate a fault in the input. */
export interface ErrorDetail {
  field?: string;
  value?: unknown;
  expected?: string;
  /** Every fault found, when there is more than one. */
  problems?: unknown[];
}

/** An error raised on purpose, carrying its catalogue entry. */
export class SyncgovError extends Error {
  readonly definition: ErrorDefinition;
  readonly detail: ErrorDetail;

  constructor(name: ErrorName, message: string, detail: ErrorDetail = {}) {
    super(message);
    this.name = 'SyncgovError';
    this.definition = ERRORS[name];
    this.detail = detail;
  }

  get code(): string {
    return this.definition.code;
  }

  get statusCode(): number {
    return this.definition.statusCode;
  }

  toBody(): ErrorBody {
    return errorBody(this.definition, this.message, this.detail);
  }
}

/** Builds the answer body for a catalogue entry. */
export function errorBody(
  definition: ErrorDefinition,
  message: string,
  detail: ErrorDetail = {},
): ErrorBody {
  const status = definition.statusCode;
  return {
    statusCode: status,
    code: definition.code,
    error: STATUS_CODES[status] ?? 'Error',
    message,
    ...detail,
    hint: definition.hint,
  };
}
