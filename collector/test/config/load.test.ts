import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigInvalidError, loadConfig } from '../../src/config/load.js';

function configFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'syncgov-config-')), 'collector.yaml');
  writeFileSync(path, text);
  return path;
}

async function problemsOf(env: NodeJS.ProcessEnv, file?: string) {
  try {
    await loadConfig(env, file);
  } catch (err) {
    if (err instanceof ConfigInvalidError) {
      return err.problems.map(({ path, value, expected }) => ({ path, value, expected }));
    }
    throw err;
  }
  throw new Error('the configuration was accepted');
}

describe('collector configuration', () => {
  it('defaults to the embedded demo: SQLite in ./data and the simulator on', async () => {
    const config = await loadConfig({});

    expect(config.server).toEqual({ host: '127.0.0.1', port: 8480, bodyLimitBytes: 5242880,
      shutdownGraceMs: 10_000 });
    expect(config.tracing).toEqual({ serviceName: 'syncgov-collector', exportTimeoutMs: 10_000 });
    expect(config.store).toEqual({ kind: 'sqlite' });
    expect(config.dataDir).toBe('data');
    expect(config.simulator.enabled).toBe(true);
    expect(config.catalog).toMatch(/collector\/catalog\/example\.yaml$/);
  });

  it('takes a file first, then the environment over it', async () => {
    const file = configFile('server:\n  port: 9000\nsimulator:\n  enabled: false\n  speed: 5\n');
    const config = await loadConfig({ SYNCGOV_PORT: '9100', SYNCGOV_SIMULATOR_SCENARIO: 'outage' },
      file);

    expect(config.server.port).toBe(9100);
    expect(config.simulator.enabled).toBe(false);
    expect(config.simulator.speed).toBe(5);
    expect(config.simulator.scenario.kind).toBe('outage');
    expect(config.simulator.messagesPerMinute).toBe(600);
  });

  it('exports spans where OpenTelemetry variables say, syncgov variables first', async () => {
    const standard = await loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://tempo:4318',
      OTEL_SERVICE_NAME: 'syncgov-plant-a' });
    const both = await loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://tempo:4318',
      SYNCGOV_OTLP_ENDPOINT: 'http://otel-collector:4318' });

    expect(standard.tracing).toMatchObject({ otlpEndpoint: 'http://tempo:4318',
      serviceName: 'syncgov-plant-a' });
    expect(both.tracing.otlpEndpoint).toBe('http://otel-collector:4318');
    expect(await problemsOf({ SYNCGOV_OTLP_ENDPOINT: 'tempo 4318' })).toEqual([
      { path: '/tracing/otlpEndpoint', value: 'tempo 4318', expected: 'a valid uri' },
    ]);
  });

  it('names each bad environment variable with its value', async () => {
    expect(await problemsOf({ SYNCGOV_PORT: 'eighty', SYNCGOV_SIMULATOR: 'maybe' })).toEqual([
      { path: 'SYNCGOV_PORT', value: 'eighty', expected: 'a whole number' },
      { path: 'SYNCGOV_SIMULATOR', value: 'maybe', expected: 'true or false (also 1/0, on/off, yes/no)' },
    ]);
  });

  it('lists every out-of-range or unknown field of the file', async () => {
    const file = configFile('server:\n  port: 70000\nstore:\n  kind: mysql\nlogging: {}\n');

    expect(await problemsOf({}, file)).toEqual([
      { path: '/logging', value: {}, expected: 'no such field (it is not part of the format)' },
      { path: '/server/port', value: 70000, expected: 'a number <= 65535' },
      { path: '/store/kind', value: 'mysql', expected: 'one of sqlite, postgres' },
    ]);
  });

  it('names a configuration file it cannot read', async () => {
    expect(await problemsOf({}, '/nonexistent/collector.yaml')).toEqual([
      { path: 'SYNCGOV_CONFIG', value: '/nonexistent/collector.yaml',
        expected: 'a readable file (ENOENT)' },
    ]);
  });
});
