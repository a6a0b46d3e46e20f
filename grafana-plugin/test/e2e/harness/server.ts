import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import path from 'node:path';

import {
  matchRoute,
  type PluginRoute,
  type Templating,
  interpolate,
  targetUrl,
} from '../../support/grafana-routes';
import { type HarnessUser, mayUseRoute } from './grafana-users';
import { sumBy } from './prometheus';

const PLUGIN_ID = 'syncgov-governance-app';
const PROXY_PREFIX = `/api/plugin-proxy/${PLUGIN_ID}`;
const SETTINGS_PATH = `/api/plugins/${PLUGIN_ID}/settings`;

export interface HarnessOptions {
  distDir: string;
  assetsDir: string;
  iconsDir: string;
  /** Inter, the face Grafana ships in public/fonts, from @fontsource/inter. */
  fontsDir: string;
  users: Record<string, HarnessUser>;
  settings: Templating;
}

/** What the proxy did with one request, for tests to assert on. */
export interface ProxyRecord {
  user: string;
  method: string;
  proxyPath: string;
  status: number;
  forwardedTo: string | null;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.html': 'text/html',
};

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>syncgov harness</title>
<link rel="stylesheet" href="/harness/boot.css"><script>window.__grafana_public_path__='/public/';window.grafanaBootData={settings:{},user:{},navTree:[]};</script>
</head><body><div id="root"></div><script src="/harness/boot.js"></script></body></html>`;

/**
 * A stand-in for the Grafana server around the plugin: it serves the built
 * plugin and the harness page, keeps the app's settings with the token kept
 * server-side, and proxies `/api/plugin-proxy/...` exactly by plugin.json.
 */
export class HarnessServer {
  readonly proxied: ProxyRecord[] = [];
  private server: Server | undefined;
  private routes: PluginRoute[] = [];

  constructor(private readonly options: HarnessOptions) {}

  async start(): Promise<string> {
    const pluginJson = JSON.parse(
      await readFile(path.join(this.options.distDir, 'plugin.json'), 'utf8')
    );
    this.routes = pluginJson.routes as PluginRoute[];
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) =>
        send(response, 500, { message: String(error) })
      );
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** What an admin saving a new token on the configuration page does. */
  useToken(token: string): void {
    this.options.settings.secureJsonData.collectorToken = token;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private userOf(request: IncomingMessage): HarnessUser {
    const cookie = /harness_user=(\w+)/.exec(request.headers.cookie ?? '')?.[1] ?? 'operator';
    const user = this.options.users[cookie];
    if (!user) {
      throw new Error(`unknown harness user ${cookie}`);
    }
    return user;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://harness');
    if (url.pathname.startsWith(`${PROXY_PREFIX}/`)) {
      return this.proxy(request, response, url);
    }
    if (url.pathname === SETTINGS_PATH) {
      return this.settings(request, response);
    }
    if (url.pathname === '/harness/session') {
      return send(response, 200, { user: this.userOf(request), settings: this.publicSettings() });
    }
    if (url.pathname === '/harness/prom') {
      return this.prometheus(response, url.searchParams.get('query') ?? '');
    }
    return this.staticFile(response, url.pathname);
  }

  private publicSettings() {
    const secureJsonFields = Object.fromEntries(
      Object.keys(this.options.settings.secureJsonData).map((key) => [key, true])
    );
    return { jsonData: this.options.settings.jsonData, secureJsonFields };
  }

  private async settings(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method === 'GET') {
      return send(response, 200, this.publicSettings());
    }
    if (this.userOf(request).orgRole !== 'Admin') {
      return send(response, 403, {
        message: 'You do not have permission to change plugin settings',
      });
    }
    const body = JSON.parse((await readBody(request)).toString() || '{}');
    Object.assign(this.options.settings.jsonData, body.jsonData ?? {});
    Object.assign(this.options.settings.secureJsonData, body.secureJsonData ?? {});
    return send(response, 200, { message: 'Plugin settings updated' });
  }

  private async proxy(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const user = this.userOf(request);
    const method = request.method ?? 'GET';
    const proxyPath = path.posix
      .normalize(url.pathname.slice(PROXY_PREFIX.length))
      .replace(/^\/+/, '');
    const record: ProxyRecord = {
      user: user.login,
      method,
      proxyPath,
      status: 0,
      forwardedTo: null,
    };
    this.proxied.push(record);

    const match = matchRoute(this.routes, method, proxyPath);
    if (!match) {
      record.status = 404;
      return send(response, 404, { message: 'plugin route match not found' });
    }
    if (!mayUseRoute(user, match.route)) {
      record.status = 403;
      return send(response, 403, { message: 'plugin proxy route access denied' });
    }
    record.forwardedTo = targetUrl(match, this.options.settings, url.search);
    const upstream = await fetch(record.forwardedTo, {
      method,
      headers: this.forwardHeaders(request, match.route, user),
      body: method === 'GET' ? undefined : new Uint8Array(await readBody(request)),
    }).catch(() => undefined);
    if (!upstream) {
      record.status = 502;
      return send(response, 502, { message: 'Bad Gateway' });
    }
    record.status = upstream.status;
    response.writeHead(upstream.status, {
      'content-type': upstream.headers.get('content-type') ?? 'application/json',
    });
    response.end(Buffer.from(await upstream.arrayBuffer()));
  }

  private forwardHeaders(request: IncomingMessage, route: PluginRoute, user: HarnessUser) {
    const headers: Record<string, string> = { 'x-grafana-user': user.login };
    const type = request.headers['content-type'];
    if (type) {
      headers['content-type'] = type;
    }
    for (const header of route.headers ?? []) {
      headers[header.name.toLowerCase()] = interpolate(header.content, this.options.settings);
    }
    return headers;
  }

  private async prometheus(response: ServerResponse, query: string): Promise<void> {
    const base = String(this.options.settings.jsonData.collectorUrl);
    const scrape = await fetch(`${base}/metrics`);
    return send(response, 200, sumBy(query, await scrape.text()));
  }

  private async staticFile(response: ServerResponse, pathname: string): Promise<void> {
    const fonts: Record<string, string> = {
      '/public/fonts/inter/Inter-Regular.woff2': 'inter-latin-400-normal.woff2',
      '/public/fonts/inter/Inter-Medium.woff2': 'inter-latin-500-normal.woff2',
    };
    const font = fonts[pathname];
    if (font) {
      response.writeHead(200, { 'content-type': 'font/woff2' });
      response.end(await readFile(path.join(this.options.fontsDir, font)));
      return;
    }
    const roots: Array<[string, string]> = [
      ['/harness/', this.options.assetsDir],
      [`/public/plugins/${PLUGIN_ID}/`, this.options.distDir],
      ['/public/build/img/icons/', this.options.iconsDir],
    ];
    for (const [prefix, dir] of roots) {
      if (pathname.startsWith(prefix)) {
        const file = path.join(dir, path.posix.normalize(pathname.slice(prefix.length)));
        const content = await readFile(file).catch(() => undefined);
        if (!content) {
          return send(response, 404, { message: `no ${pathname}` });
        }
        response.writeHead(200, {
          'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        });
        response.end(content);
        return;
      }
    }
    if (pathname.startsWith('/public/')) {
      return send(response, 404, { message: `no ${pathname}` });
    }
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end(PAGE);
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
