#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { loadCatalogFile } from '../catalog/load.js';
import { ConfigInvalidError, loadConfig } from '../config/load.js';
import { SCENARIOS } from '../config/schema.js';
import { startSimulator } from './simulator.js';

const USAGE = `usage: syncgov-simulator --url http://127.0.0.1:8480 [options]
  --url URL           collector to feed (required)
  --catalog FILE      catalog to simulate (default: the collector's configured catalog)
  --scenario NAME     ${SCENARIOS.join(' | ')}
  --rate N            messages per minute across the estate
  --speed N           divide scenario timings by N
  --plant ID          plant the scenario disturbs
  --duration SECONDS  run this long, then stop (default: until interrupted)
The bearer token, when the collector needs one, is read from SYNCGOV_SIMULATOR_TOKEN.`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' }, catalog: { type: 'string' }, scenario: { type: 'string' },
      rate: { type: 'string' }, speed: { type: 'string' }, plant: { type: 'string' },
      duration: { type: 'string' }, help: { type: 'boolean' },
    },
  });
  if (values.help || !values.url) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(values.help ? 0 : 2);
  }
  const config = await loadConfig({
    ...process.env,
    SYNCGOV_SIMULATOR_SCENARIO: values.scenario ?? process.env.SYNCGOV_SIMULATOR_SCENARIO,
    SYNCGOV_SIMULATOR_RATE: values.rate ?? process.env.SYNCGOV_SIMULATOR_RATE,
    SYNCGOV_SIMULATOR_SPEED: values.speed ?? process.env.SYNCGOV_SIMULATOR_SPEED,
    SYNCGOV_CATALOG: values.catalog ?? process.env.SYNCGOV_CATALOG,
  });
  const log = pino({ level: config.log.level, name: 'syncgov-simulator' });
  const catalog = await loadCatalogFile(config.catalog);
  const scenario = { ...config.simulator.scenario, ...(values.plant ? { plant: values.plant } : {}) };
  const simulator = await startSimulator({ ...config.simulator, scenario, url: values.url },
    catalog, log);
  const stop = () => void simulator.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  if (values.duration) setTimeout(stop, Number(values.duration) * 1000);
}

main().catch((err: unknown) => {
  const message = err instanceof ConfigInvalidError ? err.message : (err as Error).stack;
  process.stderr.write(`syncgov-simulator cannot run: ${message ?? String(err)}\n`);
  process.exit(2);
});
