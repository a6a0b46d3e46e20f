import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Some tests run the collector as its users do, from `dist/`: build it once
 * before any test file starts, so a fresh clone's `npm test` needs no step.
 */
export default function setup(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
}
