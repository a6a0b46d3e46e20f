import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';

import { PERMISSION_FOR, PERMISSIONS } from '../src/access/access';
import { EXCEPTION_ACTIONS } from '../src/api/types';
import { PAGES, PLUGIN_ID } from '../src/constants';
import { matchRoute, type PluginRoute, targetUrl } from './support/grafana-routes';
import { pluginRoot, referenceFile, repoRoot } from './support/paths';

const schemaPath = referenceFile('grafana', 'plugin.schema.json');
const read = (file: string): Record<string, unknown> => JSON.parse(readFileSync(file, 'utf8'));
const app = read(path.join(pluginRoot, 'src', 'plugin.json')) as {
  id: string;
  routes: PluginRoute[];
  roles: Array<{ role: { permissions: Array<{ action: string }> }; grants: string[] }>;
  includes: Array<{ type: string; name?: string; path?: string; uid?: string; action?: string }>;
};
const panelDirs = readdirSync(path.join(pluginRoot, 'src', 'panels'));
const settings = {
  jsonData: { collectorUrl: 'http://collector:8080' },
  secureJsonData: { collectorToken: 't' },
};

describe('plugin.json files', () => {
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    validateFormats: false,
    unicodeRegExp: false,
  });
  const validate = ajv.compile(read(schemaPath));
  const files = ['plugin.json', ...panelDirs.map((dir) => path.join('panels', dir, 'plugin.json'))];

  it.each(files)("%s fits Grafana's plugin schema", (file) => {
    const valid = validate(read(path.join(pluginRoot, 'src', file)));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('names the app by the id the code uses', () => {
    expect(app.id).toBe(PLUGIN_ID);
  });
});

describe('proxy routes', () => {
  it('send reads to the collector /v1 API with the token from secure settings', () => {
    const match = matchRoute(app.routes, 'GET', 'v1/exceptions');
    expect(match && targetUrl(match, settings, '?plant=p1')).toBe(
      'http://collector:8080/v1/exceptions?plant=p1'
    );
    expect(match?.route.reqAction).toBe(PERMISSIONS.read);
    expect(match?.route.headers).toContainEqual({
      name: 'Authorization',
      content: 'Bearer {{ .SecureJsonData.collectorToken }}',
    });
  });

  it.each(EXCEPTION_ACTIONS)('gate the %s action with its own permission and header', (action) => {
    const match = matchRoute(app.routes, 'POST', `actions/${action}/exc-1/actions/${action}`);
    expect(match && targetUrl(match, settings, '')).toBe(
      `http://collector:8080/v1/exceptions/exc-1/actions/${action}`
    );
    expect(match?.route.reqAction).toBe(PERMISSIONS[PERMISSION_FOR[action]]);
    expect(match?.route.headers).toContainEqual({ name: 'X-Syncgov-Action', content: action });
  });

  it('never let a write reach the collector through the read route', () => {
    expect(matchRoute(app.routes, 'POST', 'v1/exceptions/exc-1/actions/replay')).toBeUndefined();
    expect(matchRoute(app.routes, 'DELETE', 'v1/exceptions/exc-1')).toBeUndefined();
  });

  it('send bulk replay to /v1/replays behind the replay permission', () => {
    const match = matchRoute(app.routes, 'POST', 'bulk-replay/jobs/j1/cancel');
    expect(match && targetUrl(match, settings, '')).toBe(
      'http://collector:8080/v1/replays/jobs/j1/cancel'
    );
    expect(match?.route.reqAction).toBe(PERMISSIONS.replay);
  });

  it('only use actions that a role of this plugin grants', () => {
    const declared = new Set(
      app.roles.flatMap((entry) => entry.role.permissions.map((p) => p.action))
    );
    for (const route of app.routes) {
      expect(declared.has(route.reqAction ?? '')).toBe(true);
      expect(route.url).toMatch(/^\{\{ \.JsonData\.collectorUrl \}\}\/v1/);
    }
    expect([...declared].sort()).toEqual(Object.values(PERMISSIONS).sort());
  });

  it('grant view to Viewer, replay to Editor and approval to Admin', () => {
    const grants = (action: string) =>
      app.roles
        .filter((entry) => entry.role.permissions.some((p) => p.action === action))
        .flatMap((e) => e.grants);
    expect(grants(PERMISSIONS.read).sort()).toEqual(['Admin', 'Editor', 'Viewer']);
    expect(grants(PERMISSIONS.replay).sort()).toEqual(['Admin', 'Editor']);
    expect(grants(PERMISSIONS.approve)).toEqual(['Admin']);
  });
});

describe('includes', () => {
  it('list a page for every app page', () => {
    const pages = app.includes.filter((entry) => entry.type === 'page').map((entry) => entry.path);
    for (const page of Object.values(PAGES)) {
      expect(pages).toContain(`/a/${PLUGIN_ID}/${page}`);
    }
  });

  it('list every nested panel by its name', () => {
    const names = app.includes.filter((entry) => entry.type === 'panel').map((entry) => entry.name);
    const panels = panelDirs.map(
      (dir) => read(path.join(pluginRoot, 'src', 'panels', dir, 'plugin.json')).name
    );
    expect(names.sort()).toEqual(panels.sort());
  });

  it('point at the dashboards that ../dashboards generates, by file and uid', () => {
    const dir = path.join(repoRoot, 'dashboards', 'json');
    const files = readdirSync(dir).filter((file) => file.endsWith('.json'));
    const included = app.includes.filter((entry) => entry.type === 'dashboard');
    expect(included.map((entry) => entry.path).sort()).toEqual(
      files.map((file) => `dashboards/${file}`).sort()
    );
    for (const entry of included) {
      expect(read(path.join(dir, path.basename(entry.path ?? ''))).uid).toBe(entry.uid);
    }
  });
});
