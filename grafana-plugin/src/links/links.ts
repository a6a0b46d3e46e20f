import { type BusinessKey, type ExceptionFilter } from '../api/types';
import { APP_BASE_URL, PAGES, TRACES_DATASOURCE_UID } from '../constants';

/** Absolute URL of one exception, fit for an alert annotation or a ticket. */
export function exceptionLink(id: string): string {
  return `${APP_BASE_URL}/${PAGES.exceptions}/${encodeURIComponent(id)}`;
}

/** The `type:value` form of a business key used in URLs and searches. */
export function formatBusinessKey(key: BusinessKey): string {
  return `${key.type}:${key.value}`;
}

/** Splits `type:value`; the value may itself contain colons. */
export function parseBusinessKey(text: string): BusinessKey | undefined {
  const at = text.indexOf(':');
  if (at <= 0 || at === text.length - 1) {
    return undefined;
  }
  return { type: text.slice(0, at).trim(), value: text.slice(at + 1).trim() };
}

/** The work queue narrowed to a filter, as a shareable URL. */
export function exceptionsLink(filter: ExceptionFilter = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (typeof value === 'string' && value !== '') {
      search.set(key, value);
    }
  }
  const text = search.toString();
  const base = `${APP_BASE_URL}/${PAGES.exceptions}`;
  return text === '' ? base : `${base}?${text}`;
}

/** Every exception that carries one business key. */
export function businessKeyLink(key: BusinessKey): string {
  return exceptionsLink({ businessKey: formatBusinessKey(key) });
}

export function overviewLink(kiosk = false): string {
  const base = `${APP_BASE_URL}/${PAGES.overview}`;
  return kiosk ? `${base}?kiosk` : base;
}

export function catalogLink(interfaceId?: string): string {
  const base = `${APP_BASE_URL}/${PAGES.catalog}`;
  return interfaceId ? `${base}?interface=${encodeURIComponent(interfaceId)}` : base;
}

const FILTER_KEYS = [
  'plant',
  'process',
  'interface',
  'class',
  'owner',
  'state',
  'severity',
  'businessKey',
] as const satisfies ReadonlyArray<keyof ExceptionFilter>;

/** Reads the work-queue filter from a URL's query string. */
export function filterFromSearch(search: string): ExceptionFilter {
  const params = new URLSearchParams(search);
  const filter: ExceptionFilter = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) {
      filter[key] = value;
    }
  }
  return filter;
}

/** The message's trace in Explore, on the provisioned trace datasource. */
export function traceLink(traceId: string): string {
  const datasource = { type: 'tempo', uid: TRACES_DATASOURCE_UID };
  const panes = {
    trace: {
      datasource: TRACES_DATASOURCE_UID,
      queries: [{ refId: 'A', datasource, queryType: 'traceql', query: traceId }],
      range: { from: 'now-7d', to: 'now' },
    },
  };
  const search = new URLSearchParams({ schemaVersion: '1', panes: JSON.stringify(panes) });
  return `/explore?${search.toString()}`;
}
