import { spawnSync } from 'node:child_process';

/** How to install each external tool the tests run, on Debian and elsewhere. */
const INSTALL: Record<string, string> = {
  promtool: 'apt-get install prometheus (promtool ships with it), or a Prometheus release tarball',
  prometheus: 'apt-get install prometheus, or a Prometheus release tarball',
  amtool: 'apt-get install prometheus-alertmanager (amtool ships with it)',
  'prometheus-alertmanager':
    'apt-get install prometheus-alertmanager; elsewhere set SYNCGOV_ALERTMANAGER_BIN ' +
    'to the alertmanager binary of a release tarball',
};

const OVERRIDES: Record<string, string | undefined> = {
  'prometheus-alertmanager': process.env.SYNCGOV_ALERTMANAGER_BIN,
};

/**
 * The path of an external tool. A missing tool fails the tests that need it,
 * with the command that installs it: a test run never passes by skipping.
 */
export function findTool(name: string): string {
  const path = OVERRIDES[name] ?? which(name);
  if (path !== undefined) return path;
  throw new Error(`${name} is not installed: ${INSTALL[name] ?? 'install it'}`);
}

function which(name: string): string | undefined {
  const result = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  const path = result.stdout.trim();
  return result.status === 0 && path !== '' ? path : undefined;
}

/** What a finished tool run returned. */
export interface RunResult {
  status: number;
  stdout: string;
  output: string;
}

/** Runs a tool to completion; returns its exit status, stdout and combined output. */
export function run(tool: string, args: string[], cwd?: string): RunResult {
  const result = spawnSync(tool, args, { encoding: 'utf8', cwd, timeout: 120_000 });
  return {
    status: result.status ?? -1,
    stdout: result.stdout,
    output: `${result.stdout}${result.stderr}`,
  };
}
