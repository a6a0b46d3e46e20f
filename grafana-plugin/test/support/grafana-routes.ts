/**
 * The part of Grafana's app plugin proxy that decides which plugin.json route
 * serves a request: routes are tried in order, the first whose method and path
 * match wins, its access rule is checked, and the rest of the path after a
 * trailing `*` is appended to the route's URL. Used by the tests and by the
 * browser harness proxy, so both read plugin.json the way Grafana does.
 */
export interface PluginRoute {
  path: string;
  method?: string;
  url?: string;
  reqRole?: string;
  reqAction?: string;
  headers?: Array<{ name: string; content: string }>;
}

export interface RouteMatch {
  route: PluginRoute;
  /** What the trailing `*` captured; empty when the route has none. */
  rest: string;
}

function segmentsMatch(pattern: string[], actual: string[]): string | undefined {
  for (const [index, part] of pattern.entries()) {
    if (part === '*' && index === pattern.length - 1) {
      return actual.slice(index).join('/');
    }
    if (
      actual[index] === undefined ||
      (part !== '*' && !part.startsWith(':') && part !== actual[index])
    ) {
      return undefined;
    }
  }
  return pattern.length === actual.length ? '' : undefined;
}

function split(value: string): string[] {
  return value.split('/').filter((part) => part !== '');
}

export function matchRoute(
  routes: readonly PluginRoute[],
  method: string,
  proxyPath: string
): RouteMatch | undefined {
  for (const route of routes) {
    if (route.method && route.method !== '*' && route.method !== method) {
      continue;
    }
    const rest = segmentsMatch(split(route.path), split(proxyPath));
    if (rest !== undefined) {
      return { route, rest };
    }
  }
  return undefined;
}

export interface Templating {
  jsonData: Record<string, unknown>;
  secureJsonData: Record<string, string>;
}

/** Grafana's `{{ .JsonData.x }}` and `{{ .SecureJsonData.x }}` substitution. */
export function interpolate(template: string, data: Templating): string {
  return template.replace(
    /\{\{\s*\.(JsonData|SecureJsonData)\.(\w+)\s*\}\}/g,
    (_all, bag: string, key: string) => {
      const source = bag === 'JsonData' ? data.jsonData : data.secureJsonData;
      const value = source[key];
      return value === undefined ? '' : String(value);
    }
  );
}

/** The URL the proxy sends a matched request to, query string kept. */
export function targetUrl(match: RouteMatch, data: Templating, search: string): string {
  const base = interpolate(match.route.url ?? '', data).replace(/\/+$/, '');
  return match.rest === '' ? `${base}${search}` : `${base}/${match.rest}${search}`;
}
