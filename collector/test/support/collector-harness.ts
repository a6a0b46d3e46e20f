import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createCollector, type Collector } from '../../src/collector.js';
import { defaultConfig, EXAMPLE_CATALOG } from '../../src/config/defaults.js';
import type { CollectorConfig } from '../../src/config/schema.js';

/** A collector running in this process on a free port, with its own data folder. */
export interface TestCollector extends Collector {
  url: string;
  config: CollectorConfig;
  dataDir: string;
  /** Fetches a path with a demo token of the given role (default admin). */
  call(path: string, init?: RequestInit & { role?: string; user?: string }): Promise<Response>;
}

export interface HarnessOptions {
  catalogPath?: string;
  configure?: (config: CollectorConfig) => void;
}

/** Starts the real collector wiring with demo tokens, the simulator off and port 0. */
export async function startCollector(options: HarnessOptions = {}): Promise<TestCollector> {
  const dataDir = mkdtempSync(join(tmpdir(), 'syncgov-test-'));
  const config = defaultConfig();
  config.dataDir = dataDir;
  config.catalog = options.catalogPath ?? EXAMPLE_CATALOG;
  config.simulator.enabled = false;
  config.server.port = 0;
  config.access.actionsPerMinute = 100_000;
  config.replay.sweepIntervalMs = 60_000;
  config.server.shutdownGraceMs = 1_000;
  options.configure?.(config);

  const collector = await createCollector(config, pino({ level: 'silent' }), '0.0.0-test');
  const url = await collector.listen();
  return {
    ...collector, url, config, dataDir,
    call(path, init = {}) {
      const { role = 'admin', user, ...rest } = init;
      const headers = new Headers(rest.headers);
      headers.set('authorization', `Bearer demo-${role}`);
      if (user) headers.set('x-grafana-user', user);
      if (rest.body !== undefined && !headers.has('content-type')) {
        headers.set('content-type', 'application/json');
      }
      return fetch(`${url}${path}`, { ...rest, headers });
    },
    async close() {
      await collector.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Reads the value of one series from a text exposition, or undefined. */
export function sample(exposition: string, series: string): number | undefined {
  for (const line of exposition.split('\n')) {
    if (line.startsWith(`${series} `)) return Number(line.slice(series.length + 1));
  }
  return undefined;
}
