import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { provisioningDir, repoRoot } from './paths.js';

interface Datasource {
  uid: string;
  type: string;
  url: string;
  jsonData?: Record<string, unknown>;
}

function load<T>(path: string): T {
  return parse(readFileSync(resolve(provisioningDir, 'grafana', path), 'utf8')) as T;
}

const { datasources } = load<{ datasources: Datasource[] }>('datasources/syncgov.yaml');
const byType = (type: string): Datasource | undefined => datasources.find((d) => d.type === type);

describe('Grafana provisioning', () => {
  it('provides Prometheus, Alertmanager and Tempo with URLs from the environment', () => {
    expect(datasources.map((d) => d.type).sort()).toEqual(['alertmanager', 'prometheus', 'tempo']);
    for (const d of datasources) expect(d.url).toMatch(/^\$\{SYNCGOV_[A-Z_]+_URL\}$/);
  });

  it('links Prometheus exemplars to traces in the Tempo datasource', () => {
    const destinations = byType('prometheus')?.jsonData?.exemplarTraceIdDestinations;

    expect(destinations).toEqual([
      { name: 'trace_id', datasourceUid: byType('tempo')?.uid, urlDisplayLabel: 'Open trace' },
    ]);
  });

  it("uses the Tempo uid the app's trace links open", () => {
    const constants = readFileSync(resolve(repoRoot, 'grafana-plugin/src/constants.ts'), 'utf8');

    expect(constants).toContain(`TRACES_DATASOURCE_UID = '${byType('tempo')?.uid}'`);
  });

  it('uses the Prometheus uid the dashboards default to', () => {
    const json = readFileSync(resolve(repoRoot, 'dashboards/json/syncgov-plant-health.json'), 'utf8');

    expect(json).toContain(`"value": "${byType('prometheus')?.uid}"`);
  });

  it('loads the dashboards from the folder the compose file mounts them to', () => {
    const { providers } = load<{ providers: { options: { path: string } }[] }>('dashboards/syncgov.yaml');
    const compose = readFileSync(resolve(repoRoot, 'docker-compose.yml'), 'utf8');

    expect(compose).toContain(`./dashboards/json:${providers[0]?.options.path}:ro`);
    expect(readdirSync(resolve(repoRoot, 'dashboards/json'))).toHaveLength(4);
  });

  it('enables the app plugin with jsonData and secureJsonData from the environment', () => {
    const { apps } = load<{ apps: Record<string, unknown>[] }>('plugins/syncgov.yaml');
    const plugin = JSON.parse(readFileSync(resolve(repoRoot, 'grafana-plugin/src/plugin.json'), 'utf8')) as {
      id: string;
    };

    expect(apps).toEqual([{
      type: plugin.id,
      org_id: 1,
      disabled: false,
      jsonData: { collectorUrl: '${SYNCGOV_COLLECTOR_URL}' },
      secureJsonData: { collectorToken: '${SYNCGOV_COLLECTOR_TOKEN}' },
    }]);
  });
});
