import { execFileSync } from 'node:child_process';
import path from 'node:path';

import { pluginRoot, repoRoot } from '../../support/paths';

/**
 * Builds dist/ exactly as `npm run build -w grafana-plugin` does, so the
 * browser test always loads the modules of the code under test.
 */
export function buildPlugin(): void {
  const cli = path.join(repoRoot, 'node_modules', 'webpack-cli', 'bin', 'cli.js');
  execFileSync(process.execPath, [cli, '-c', './webpack.config.mjs', '--env', 'production'], {
    cwd: pluginRoot,
    stdio: 'pipe',
  });
}
