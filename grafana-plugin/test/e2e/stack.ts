import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { pluginRoot, repoRoot } from '../support/paths';
import { buildHarness } from './harness/build';
import { type BasicRole, userWithRole } from './harness/grafana-users';
import { HarnessServer } from './harness/server';
import { type RunningCollector, startCollector } from './support/collector';
import { collectorEnv, TOKENS } from './support/collectorConfig';
import { ReplayTarget } from './support/replayTarget';

export const DIST = path.join(pluginRoot, 'dist');
const ICONS = path.join(
  repoRoot,
  'node_modules',
  '@grafana',
  'ui',
  'dist',
  'public',
  'img',
  'icons'
);
const FONTS = path.join(repoRoot, 'node_modules', '@fontsource', 'inter', 'files');

/** Everything the browser test talks to, started together and stopped together. */
export interface Stack {
  harnessUrl: string;
  harness: HarnessServer;
  collector: RunningCollector;
  target: ReplayTarget;
  workDir: string;
  stop: () => Promise<void>;
}

const USERS: Array<[string, BasicRole]> = [
  ['viewer', 'Viewer'],
  ['operator', 'Editor'],
  ['approver', 'Admin'],
];

export async function startStack(): Promise<Stack> {
  const workDir = mkdtempSync(path.join(tmpdir(), 'syncgov-e2e-'));
  const target = new ReplayTarget();
  const targetUrl = await target.start();
  const collector = await startCollector(collectorEnv(targetUrl, workDir));
  const assetsDir = path.join(workDir, 'harness');
  await buildHarness(assetsDir);

  const pluginJson = JSON.parse(readFileSync(path.join(DIST, 'plugin.json'), 'utf8'));
  const users = Object.fromEntries(
    USERS.map(([login, role]) => [login, userWithRole(pluginJson, login, role)])
  );
  const harness = new HarnessServer({
    distDir: DIST,
    assetsDir,
    iconsDir: ICONS,
    fontsDir: FONTS,
    users,
    settings: {
      jsonData: { collectorUrl: collector.url },
      secureJsonData: { collectorToken: TOKENS.operator },
    },
  });
  const harnessUrl = await harness.start();
  const stop = async () => {
    await harness.stop();
    await collector.stop();
    await target.stop();
  };
  return { harnessUrl, harness, collector, target, workDir, stop };
}
