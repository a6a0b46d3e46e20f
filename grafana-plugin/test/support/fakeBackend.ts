import { type BackendSrv, type BackendSrvRequest, type FetchResponse } from '@grafana/runtime';
import { Observable } from 'rxjs';

/**
 * Stands in for Grafana's backend service, the one runtime boundary the
 * plugin's code talks through. Each handler answers a method and URL; every
 * request is recorded so tests can assert what was sent.
 */
export interface Recorded {
  method: string;
  url: string;
  body: unknown;
}

export interface Reply {
  status?: number;
  body: unknown;
}

type Handler = (request: Recorded) => Reply;

export class FakeBackend {
  readonly calls: Recorded[] = [];
  private handlers: Array<{ method: string; pattern: RegExp; handler: Handler }> = [];

  on(method: string, pattern: RegExp, handler: Handler | Reply): this {
    const reply = typeof handler === 'function' ? handler : () => handler;
    this.handlers.push({ method, pattern, handler: reply });
    return this;
  }

  reset(): void {
    this.calls.length = 0;
    this.handlers = [];
  }

  callsTo(method: string, pattern: RegExp): Recorded[] {
    return this.calls.filter((call) => call.method === method && pattern.test(call.url));
  }

  fetch<T>(options: BackendSrvRequest): Observable<FetchResponse<T>> {
    const request = { method: options.method ?? 'GET', url: options.url, body: options.data };
    this.calls.push(request);
    return new Observable((subscriber) => {
      const reply = this.answer(request);
      const status = reply.status ?? 200;
      if (status >= 400) {
        subscriber.error({ status, data: reply.body, statusText: `HTTP ${status}` });
        return;
      }
      subscriber.next({ data: reply.body as T, status, ok: true } as FetchResponse<T>);
      subscriber.complete();
    });
  }

  private answer(request: Recorded): Reply {
    const found = [...this.handlers]
      .reverse()
      .find((entry) => entry.method === request.method && entry.pattern.test(request.url));
    if (!found) {
      return { status: 404, body: { message: 'plugin route match not found' } };
    }
    return found.handler(request);
  }
}

export const backend = new FakeBackend();

/** The parts of BackendSrv the plugin uses, bound to the fake. */
export function asBackendSrv(fake: FakeBackend): BackendSrv {
  return { fetch: fake.fetch.bind(fake) } as unknown as BackendSrv;
}
