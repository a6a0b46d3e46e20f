import { fileURLToPath } from 'node:url';
import type { CollectorConfig } from './schema.js';

/** The example catalog shipped with the collector. */
export const EXAMPLE_CATALOG = fileURLToPath(
  new URL('../../catalog/example.yaml', import.meta.url),
);

/**
 * The embedded default: everything on one machine, a SQLite file in ./data
 * and the plant simulator feeding the example catalog. A production setup
 * turns the simulator off and points `catalog` at its own file.
 */
export function defaultConfig(): CollectorConfig {
  return {
    server: {
      host: '127.0.0.1', port: 8480, bodyLimitBytes: 5 * 1024 * 1024, shutdownGraceMs: 10_000,
    },
    ingest: { maxBatchEvents: 5000 },
    dataDir: 'data',
    catalog: EXAMPLE_CATALOG,
    store: { kind: 'sqlite' },
    retention: { finishedMessagesHours: 72 },
    log: { level: 'info' },
    simulator: {
      enabled: true,
      messagesPerMinute: 600,
      speed: 1,
      failureRates: {
        transient: 0.01,
        invalid_master_data: 0.003,
        mapping: 0.002,
        sequence_dependency: 0.002,
        posting_rule: 0.002,
        duplicate: 0.001,
      },
      scenario: {
        kind: 'reference',
        plant: 'cz-pls',
        interface: 'mes-erp-completion',
        system: 'erp',
        startAfterSeconds: 120,
        durationSeconds: 600,
        repeat: true,
      },
      seed: 42,
      targets: { enabled: true, host: '127.0.0.1', port: 8481 },
    },
    access: { tokens: [], demoTokens: true, actionsPerMinute: 120 },
    replay: {
      timeoutMs: 10_000,
      transientMaxAttempts: 3,
      transientBaseDelaySeconds: 30,
      drainPerSecond: 5,
      bulkPerSecond: 20,
      sweepIntervalMs: 1_000,
    },
    tracing: { serviceName: 'syncgov-collector', exportTimeoutMs: 10_000 },
  };
}
