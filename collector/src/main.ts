#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { pino, type Logger } from 'pino';
import { CatalogInvalidError } from './catalog/load.js';
import { createCollector, type Collector } from './collector.js';
import { ConfigInvalidError, loadConfig } from './config/load.js';
import type { CollectorConfig } from './config/schema.js';
import { startSimulator } from './simulator/simulator.js';

const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as
  { version: string }).version;

async function main(): Promise<void> {
  const config = await loadConfig();
  const log = pino({ level: config.log.level, name: 'syncgov-collector' });
  const collector = await createCollector(config, log, VERSION);
  const url = await collector.listen();
  log.info({ url, metrics: `${url}/metrics`, api: `${url}/v1`, openapi: `${url}/openapi.json`,
    catalog: config.catalog, store: config.store.kind, dataDir: config.dataDir },
  'collector listening');

  const simulator = config.simulator.enabled
    ? await startSimulator({ ...config.simulator, url: config.simulator.url ?? url },
      collector.catalog.current, log, simulatorToken(config))
    : undefined;
  const pruning = schedulePruning(config, collector, log);
  onSignals(log, {
    reload: async () => {
      const result = await collector.catalog.reload();
      collector.metrics.catalogReloads.inc({ result: result.ok ? 'success' : 'failure' });
    },
    stop: async () => {
      clearInterval(pruning);
      await simulator?.stop();
      await collector.close();
    },
  });
}

// The built-in simulator posts as middleware would; with demo tokens on it
// uses the public demo ingest token unless one is given.
function simulatorToken(config: CollectorConfig): string | undefined {
  return process.env.SYNCGOV_SIMULATOR_TOKEN ?? (config.access.demoTokens ? 'demo-ingest' : undefined);
}

function schedulePruning(config: CollectorConfig, collector: Collector, log: Logger)
  : NodeJS.Timeout {
  const keepMs = config.retention.finishedMessagesHours * 3_600_000;
  const timer = setInterval(() => {
    collector.store.pruneFinished(Date.now() - keepMs)
      .then((pruned) => pruned > 0 && log.info({ pruned }, 'finished messages pruned'))
      .catch((err: unknown) => log.error({ err }, 'pruning failed'));
  }, 600_000);
  timer.unref();
  return timer;
}

function onSignals(log: Logger, actions: { reload: () => Promise<void>; stop: () => Promise<void> })
  : void {
  process.on('SIGHUP', () => {
    actions.reload().catch((err: unknown) => log.error({ err }, 'catalog reload failed'));
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: intake stops, store flushes');
    actions.stop()
      .then(() => {
        log.info('collector stopped');
        process.exit(0);
      })
      .catch((err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigInvalidError || err instanceof CatalogInvalidError) {
    process.stderr.write(`syncgov-collector cannot start: ${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`syncgov-collector failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
