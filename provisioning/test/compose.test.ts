import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { reference, repoRoot } from './paths.js';

interface Service {
  build?: { context: string; dockerfile: string };
  image?: string;
  volumes?: string[];
  environment?: Record<string, string>;
}

const compose = parse(readFileSync(resolve(repoRoot, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};

/** Mounts of build output: they exist once the named build has run. */
const BUILT = new Map([['./grafana-plugin/dist', { workspace: 'grafana-plugin', script: 'build' }]]);

function bindMounts(): { service: string; source: string; target: string }[] {
  return Object.entries(compose.services).flatMap(([service, s]) =>
    (s.volumes ?? [])
      .map((v) => v.split(':'))
      .filter(([source]) => source?.startsWith('.'))
      .map(([source = '', target = '']) => ({ service, source, target })),
  );
}

describe('docker-compose.yml', () => {
  it('validates against the compose specification', () => {
    const ajv = new Ajv.default({ allErrors: true, strict: false });
    addFormats.default(ajv);
    // The spec names draft-07 by an https URL that Ajv does not alias; it is draft-07.
    const { $schema: _draft, ...schema } = JSON.parse(
      readFileSync(reference('compose/compose-spec.json'), 'utf8'),
    ) as Record<string, unknown>;
    const validate = ajv.compile(schema);

    expect(validate(compose), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('runs the whole demo', () => {
    expect(Object.keys(compose.services).sort()).toEqual([
      'alert-receiver', 'alertmanager', 'collector', 'grafana', 'prometheus', 'simulator', 'tempo',
    ]);
  });

  it.each(bindMounts().filter((m) => !BUILT.has(m.source)).map((m) => [`${m.service}: ${m.source}`, m]))(
    'mounts %s, which exists',
    (_, mount) => {
      expect(existsSync(resolve(repoRoot, mount.source)), mount.source).toBe(true);
    },
  );

  it.each([...BUILT])('mounts %s, which the %o build produces', (source, { workspace, script }) => {
    const manifest = JSON.parse(readFileSync(resolve(repoRoot, workspace, 'package.json'), 'utf8')) as {
      scripts?: Record<string, string>;
    };

    expect(bindMounts().some((m) => m.source === source)).toBe(true);
    expect(manifest.scripts?.[script]).toBeDefined();
  });

  it('builds the collector from its Dockerfile with the files that Dockerfile copies', () => {
    const build = compose.services.collector?.build;
    const dockerfile = readFileSync(resolve(repoRoot, build?.context ?? '', build?.dockerfile ?? ''), 'utf8');
    const copied = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) => (m[1] ?? '').split(' '));

    expect(copied.length).toBeGreaterThan(0);
    for (const source of copied) expect(existsSync(resolve(repoRoot, source)), source).toBe(true);
  });

  it("sends the collector's spans to Tempo's OTLP/HTTP receiver", () => {
    const tempo = parse(readFileSync(resolve(repoRoot, 'provisioning/tempo/tempo.yaml'), 'utf8')) as {
      distributor: { receivers: { otlp: { protocols: { http: { endpoint: string } } } } };
    };
    const port = tempo.distributor.receivers.otlp.protocols.http.endpoint.split(':').pop();

    expect(compose.services.collector?.environment?.SYNCGOV_OTLP_ENDPOINT).toBe(`http://tempo:${port}`);
  });

  it('loads the app plugin unsigned and hands it the collector', () => {
    const grafana = compose.services.grafana;
    const pluginId = (JSON.parse(readFileSync(resolve(repoRoot, 'grafana-plugin/src/plugin.json'), 'utf8')) as { id: string }).id;

    expect(grafana?.environment?.GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS).toBe(pluginId);
    expect(grafana?.volumes).toContain(`./grafana-plugin/dist:/var/lib/grafana/plugins/${pluginId}:ro`);
    expect(grafana?.environment?.SYNCGOV_COLLECTOR_URL).toBe('http://collector:8480');
  });
});
