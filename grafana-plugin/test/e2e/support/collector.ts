import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

import { repoRoot } from '../../support/paths';

export const COLLECTOR_MAIN = path.join(repoRoot, 'collector', 'dist', 'main.js');

/** Why the collector cannot be started, or undefined when it can. */
export function collectorMissing(): string | undefined {
  return existsSync(COLLECTOR_MAIN)
    ? undefined
    : `The collector is not built (${COLLECTOR_MAIN} is missing): run "npm run build -w collector" first.`;
}

export interface RunningCollector {
  url: string;
  log: string[];
  stop: () => Promise<void>;
}

/** Starts `node collector/dist/main.js` on a free port and waits for its URL. */
export async function startCollector(env: Record<string, string>): Promise<RunningCollector> {
  const child = spawn(process.execPath, [COLLECTOR_MAIN], {
    // The URL is read from the info-level 'collector listening' line.
    env: {
      ...process.env,
      SYNCGOV_HOST: '127.0.0.1',
      SYNCGOV_PORT: '0',
      ...env,
      SYNCGOV_LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  const url = await listeningUrl(child, log);
  child.once('exit', (code, signal) =>
    log.push(`collector exited: code ${code}, signal ${signal}`)
  );
  return { url, log, stop: () => stop(child) };
}

function listeningUrl(child: ChildProcess, log: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`collector did not start:\n${log.join('')}`)),
      30_000
    );
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`collector exited with ${code}:\n${log.join('')}`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      log.push(line);
      const entry = parse(line);
      if (entry?.msg === 'collector listening' && typeof entry.url === 'string') {
        clearTimeout(timer);
        resolve(entry.url);
      }
    });
  });
}

function parse(line: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
