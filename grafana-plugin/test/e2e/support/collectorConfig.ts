import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { parse } from 'yaml';

import { repoRoot } from '../../support/paths';

const EXAMPLE_CATALOG = path.join(repoRoot, 'collector', 'catalog', 'example.yaml');

/** Collector tokens of the test, one per role; the secrets are test-only. */
export const TOKENS = {
  viewer: 'e2e-viewer-secret',
  operator: 'e2e-operator-secret',
  approver: 'e2e-approver-secret',
  ingest: 'e2e-ingest-secret',
} as const;

const sha256 = (secret: string) => createHash('sha256').update(secret, 'utf8').digest('hex');

/**
 * The collector's example catalog with every interface replaying over HTTP
 * to the test's replay target, so each delivery can be counted there.
 */
function writeCatalog(workDir: string, targetUrl: string): string {
  const catalog = parse(readFileSync(EXAMPLE_CATALOG, 'utf8')) as {
    interfaces: Array<{ id: string; replay?: unknown }>;
  };
  for (const entry of catalog.interfaces) {
    entry.replay = { http: { method: 'POST', url: `${targetUrl}/${entry.id}` } };
  }
  const file = path.join(workDir, 'catalog.yaml');
  writeFileSync(file, JSON.stringify(catalog, null, 2));
  return file;
}

/**
 * Collector settings for the browser test: its own tokens, the simulator
 * producing exceptions of every class quickly, and no automatic retries,
 * so every delivery the target sees comes from a click in the browser.
 */
export function collectorEnv(targetUrl: string, workDir: string): Record<string, string> {
  const config = {
    dataDir: path.join(workDir, 'data'),
    catalog: writeCatalog(workDir, targetUrl),
    access: {
      demoTokens: false,
      actionsPerMinute: 1000,
      tokens: Object.entries(TOKENS).map(([role, secret]) => ({
        name: `grafana-${role}`,
        sha256: sha256(secret),
        role,
      })),
    },
    simulator: {
      enabled: true,
      messagesPerMinute: 3000,
      failureRates: {
        transient: 0.03,
        invalid_master_data: 0.02,
        mapping: 0.04,
        sequence_dependency: 0.02,
        posting_rule: 0.02,
        duplicate: 0.01,
      },
      targets: { enabled: false, host: '127.0.0.1', port: 0 },
    },
    replay: { transientMaxAttempts: 0, sweepIntervalMs: 200 },
  };
  mkdirSync(config.dataDir, { recursive: true });
  const file = path.join(workDir, 'collector.yaml');
  writeFileSync(file, JSON.stringify(config, null, 2));
  return { SYNCGOV_CONFIG: file, SYNCGOV_SIMULATOR_TOKEN: TOKENS.ingest };
}
