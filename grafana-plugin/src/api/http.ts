import { getBackendSrv } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';

import { type Check } from './checks';
import { toCollectorError, unexpectedShape } from './errors';

export interface Call {
  method: 'GET' | 'POST';
  url: string;
  body?: unknown;
}

/**
 * Sends one request through Grafana's backend service and proves the answer's
 * shape. Grafana's own error toasts stay off: each page shows its own.
 */
export async function call<T>(request: Call, check: Check<T>): Promise<T> {
  let data: unknown;
  try {
    const response = await lastValueFrom(
      getBackendSrv().fetch<unknown>({
        method: request.method,
        url: request.url,
        data: request.body,
        showErrorAlert: false,
        showSuccessAlert: false,
      })
    );
    data = response.data;
  } catch (error) {
    throw toCollectorError(error);
  }
  const problem = check(data, '$');
  if (problem !== undefined) {
    throw unexpectedShape(`${request.method} ${request.url}`, problem);
  }
  return data as T;
}

/** Builds a query string from the set fields of a filter. */
export function query(params: object): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === 'string' && value !== '') {
      search.set(key, value);
    } else if (typeof value === 'number') {
      search.set(key, String(value));
    }
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}
