import { isRecord } from './checks';

/** Where a failure came from, so the UI can say who can fix it. */
export type FailureSource = 'collector' | 'grafana' | 'network' | 'plugin';

/**
 * A failed call to the collector, already turned into words a user can act
 * on: what went wrong, and when known, what to do about it.
 */
export class CollectorError extends Error {
  readonly status: number;
  readonly code: string;
  readonly source: FailureSource;
  readonly hint: string | undefined;

  constructor(fields: {
    status: number;
    code: string;
    source: FailureSource;
    message: string;
    hint?: string;
  }) {
    super(fields.message);
    this.name = 'CollectorError';
    this.status = fields.status;
    this.code = fields.code;
    this.source = fields.source;
    this.hint = fields.hint;
  }
}

function fromCollector(status: number, body: Record<string, unknown>): CollectorError {
  const hint = typeof body.hint === 'string' ? body.hint : undefined;
  return new CollectorError({
    status,
    code: String(body.code),
    source: 'collector',
    message: typeof body.message === 'string' ? body.message : String(body.error),
    hint,
  });
}

const GRAFANA_MESSAGES: Record<string, { code: string; message: string; hint: string }> = {
  'plugin proxy route access denied': {
    code: 'GRAFANA_ROUTE_DENIED',
    message: 'Grafana refused the request: your role does not grant this action.',
    hint: 'Ask a Grafana admin for the syncgov Operator or Approver role.',
  },
  'plugin route match not found': {
    code: 'GRAFANA_ROUTE_MISSING',
    message: 'Grafana has no proxy route for this request.',
    hint: 'Reinstall the plugin: its plugin.json and this page do not match.',
  },
};

function fromGrafana(status: number, message: string): CollectorError {
  const known = GRAFANA_MESSAGES[message.toLowerCase()];
  if (known) {
    return new CollectorError({ status, source: 'grafana', ...known });
  }
  if (status === 502 || status === 504) {
    return unreachable(status, message);
  }
  return new CollectorError({ status, code: `HTTP_${status}`, source: 'grafana', message });
}

function unreachable(status: number, detail: string): CollectorError {
  return new CollectorError({
    status,
    code: 'COLLECTOR_UNREACHABLE',
    source: 'network',
    message: `Grafana could not reach the collector (${detail || `HTTP ${status}`}).`,
    hint: 'Check the collector URL on the app configuration page and that the collector runs.',
  });
}

function statusOf(error: Record<string, unknown>): number {
  return typeof error.status === 'number' ? error.status : 0;
}

/** Turns whatever Grafana's backend service threw into a CollectorError. */
export function toCollectorError(error: unknown): CollectorError {
  if (error instanceof CollectorError) {
    return error;
  }
  if (!isRecord(error)) {
    return unreachable(0, String(error));
  }
  const status = statusOf(error);
  const body = error.data;
  if (isRecord(body) && typeof body.code === 'string' && body.code.startsWith('SYNCGOV_')) {
    return fromCollector(status, body);
  }
  if (status === 0) {
    return unreachable(0, typeof error.statusText === 'string' ? error.statusText : '');
  }
  const message = isRecord(body) && typeof body.message === 'string' ? body.message : '';
  return fromGrafana(status, message || String(error.statusText ?? ''));
}

/** The collector answered, but not in a shape this plugin understands. */
export function unexpectedShape(what: string, problem: string): CollectorError {
  return new CollectorError({
    status: 200,
    code: 'SYNCGOV_UI_UNEXPECTED_RESPONSE',
    source: 'plugin',
    message: `The collector's answer to ${what} does not fit this plugin: ${problem}.`,
    hint: 'Run a collector and a plugin of the same syncgov release.',
  });
}
