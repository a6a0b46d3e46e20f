import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { Dashboard, VariableModel } from '@grafana/grafana-foundation-sdk/dashboard';
import { dashboards, jsonPath, panelQueries, render } from '../src/index.js';

const root = resolve(import.meta.dirname, '..');
const schemaPath = resolve(root, '../../shared/reference/grafana/dashboard.v1.schema.json');
const built = dashboards();

function validator() {
  if (!existsSync(schemaPath)) {
    throw new Error(`${schemaPath} is missing: the shared reference data (schemas of plugin.json, dashboards and compose) is read from ../shared/reference beside this repository; put the project's shared/ folder there`);
  }
  const ajv = new Ajv.default({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);
}

function variable(dashboard: Dashboard, name: string): VariableModel | undefined {
  return dashboard.templating?.list?.find((v) => v.name === name);
}

describe('dashboards', () => {
  const validate = validator();

  it('have the stable uids the pack and the plugin link to', () => {
    expect(built.map((d) => d.uid)).toEqual([
      'syncgov-plant-health',
      'syncgov-business-kpis',
      'syncgov-integration-sre',
      'syncgov-exceptions-replay',
    ]);
  });

  it.each(built.map((d) => [d.uid, d] as const))('%s: committed JSON is current (else: npm run generate -w dashboards)', (_, d) => {
    expect(readFileSync(resolve(root, jsonPath(d)), 'utf8')).toBe(render(d));
  });

  it.each(built.map((d) => [d.uid, d] as const))('%s: validates against the dashboard v1 schema', (_, d) => {
    const committed: unknown = JSON.parse(readFileSync(resolve(root, jsonPath(d)), 'utf8'));

    expect(validate(committed), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it.each(built.map((d) => [d.uid, d] as const))('%s: filters by region, plant chained from region, process and interface', (_, d) => {
    expect(variable(d, 'region')?.query).toBe('label_values(syncgov_plant_info, region)');
    expect(variable(d, 'plant')?.query).toBe('label_values(syncgov_plant_info{region=~"$region"}, plant)');
    expect(variable(d, 'process')?.query).toBe('label_values(syncgov_process_info, process)');
    expect(variable(d, 'interface')?.query).toContain('syncgov_interface_info{process=~"$process"}');
  });

  it.each(built.map((d) => [d.uid, d] as const))('%s: links to the app plugin pages', (_, d) => {
    const urls = (d.links ?? []).map((l) => l.url);

    expect(urls).toEqual(expect.arrayContaining([
      '/a/syncgov-governance-app/overview',
      '/a/syncgov-governance-app/exceptions',
      '/a/syncgov-governance-app/catalog',
    ]));
  });

  it.each(built.map((d) => [d.uid, d] as const))('%s: numbers panels uniquely and queries through the datasource variable', (_, d) => {
    const ids = (d.panels ?? []).map((p) => p.id);
    const json = render(d);

    expect(new Set(ids).size).toBe(ids.length);
    expect(json).not.toMatch(/"uid": "(?!\$\{datasource\}|syncgov-)/);
  });

  it('ask for exemplars on every latency query, so that points link to traces', () => {
    const latency = built.flatMap(panelQueries).filter((q) => q.expr.includes('latency_seconds_bucket'));
    const panels = built.flatMap((d) => d.panels ?? []);
    const targets = panels.flatMap((p) => ('targets' in p ? (p.targets ?? []) : [])) as { expr?: string; exemplar?: boolean }[];

    expect(latency.length).toBeGreaterThan(0);
    for (const t of targets.filter((t) => t.expr?.includes('histogram_quantile'))) expect(t.exemplar).toBe(true);
  });

  it('give every panel at least one query with a refId', () => {
    for (const d of built) {
      for (const p of d.panels ?? []) {
        if (p.type === 'row') continue;
        const targets = ('targets' in p ? p.targets : []) ?? [];
        expect(targets.length, `${d.uid} / ${p.title}`).toBeGreaterThan(0);
        for (const t of targets) expect((t as { refId?: string }).refId).toMatch(/^[A-Z]$/);
      }
    }
  });
});
