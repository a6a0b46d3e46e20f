import { existsSync } from 'node:fs';
import path from 'node:path';

import { pluginRoot } from '../../support/paths';
import { chromiumMissing } from './browser';
import { collectorMissing } from './collector';

/** Everything the browser test needs that a checkout alone does not have. */
export function missingRequirements(): string[] {
  const built = existsSync(path.join(pluginRoot, 'dist', 'plugin.json'))
    ? undefined
    : 'The plugin is not built (grafana-plugin/dist is missing): run "npm run build -w grafana-plugin" first.';
  return [chromiumMissing(), collectorMissing(), built].filter((problem) => problem !== undefined);
}

export function runningInCi(): boolean {
  const value = (process.env.CI ?? '').toLowerCase();
  return value !== '' && value !== 'false' && value !== '0';
}
