import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { startProcess, type Server } from '../../../alerts/test/support/processes.js';
import { waitFor } from '../../../alerts/test/support/ports.js';
import { repoRoot } from '../paths.js';

/** The disturbance a collector's simulator plays, in real seconds. */
export interface ScenarioSpec {
  kind: 'reference' | 'outage';
  plant: string;
  interface: string;
  system: string;
  startAfterSeconds: number;
  durationSeconds: number;
}

/**
 * Starts the real collector with its simulator playing `scenario` once, its
 * spans exported by OTLP to `otlpEndpoint`.
 */
export async function startCollector(scenario: ScenarioSpec, otlpEndpoint: string):
  Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), 'syncgov-collector-'));
  const config = join(dir, 'config.yaml');
  writeFileSync(config, stringify({
    simulator: {
      enabled: true,
      speed: 1,
      scenario: { ...scenario, repeat: false },
      // Simulated replay targets on a free port: two stacks run side by side.
      targets: { enabled: true, host: '127.0.0.1', port: 0 },
    },
  }));

  const env = {
    ...process.env,
    SYNCGOV_CONFIG: config,
    SYNCGOV_HOST: '127.0.0.1',
    SYNCGOV_PORT: '0',
    SYNCGOV_DATA_DIR: join(dir, 'data'),
    SYNCGOV_LOG_LEVEL: 'info',
    SYNCGOV_OTLP_ENDPOINT: otlpEndpoint,
  };
  const server = startProcess('node', [resolve(repoRoot, 'collector/dist/main.js')], dir, '', env);
  return { ...server, url: await listeningUrl(server) };
}

// The collector logs its address as JSON once it listens on its free port.
async function listeningUrl(server: Server): Promise<string> {
  let url = '';
  try {
    await waitFor('the collector to listen', async () => {
      const line = server.output().split('\n').find((l) => l.includes('"collector listening"'));
      url = line === undefined ? '' : ((JSON.parse(line) as { url?: string }).url ?? '');
      return url !== '';
    }, 30_000);
  } catch (error) {
    await server.stop();
    throw new Error(`${(error as Error).message}\n${server.output()}`);
  }
  return url;
}
