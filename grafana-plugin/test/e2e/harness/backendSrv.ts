import { type BackendSrv, type BackendSrvRequest, type FetchResponse } from '@grafana/runtime';
import { Observable } from 'rxjs';

async function send(options: BackendSrvRequest): Promise<FetchResponse<unknown>> {
  const hasBody = options.data !== undefined;
  const response = await fetch(options.url, {
    method: options.method ?? 'GET',
    headers: hasBody ? { 'content-type': 'application/json' } : {},
    body: hasBody ? JSON.stringify(options.data) : undefined,
    credentials: 'same-origin',
  });
  const text = await response.text();
  const data: unknown = text === '' ? undefined : JSON.parse(text);
  if (!response.ok) {
    throw { status: response.status, statusText: response.statusText, data };
  }
  return { data, status: response.status, ok: true } as FetchResponse<unknown>;
}

/**
 * Grafana's backend service as far as the plugin uses it: `fetch` with the
 * same observable contract and the same error shape `{ status, data }`.
 */
export function harnessBackendSrv(): BackendSrv {
  const fetchObservable = <T>(options: BackendSrvRequest) =>
    new Observable<FetchResponse<T>>((subscriber) => {
      send(options).then(
        (response) => {
          subscriber.next(response as FetchResponse<T>);
          subscriber.complete();
        },
        (error: unknown) => subscriber.error(error)
      );
    });
  return { fetch: fetchObservable } as unknown as BackendSrv;
}
