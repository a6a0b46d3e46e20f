import { execFileSync } from 'node:child_process';

/**
 * Returns the path of a command-line tool a test needs. A missing tool fails
 * the test with the command that installs it: a test never skips silently.
 */
export function requireTool(command: string, install: string): string {
  try {
    return execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(`${command} is not installed; install it with: ${install}`);
  }
}
