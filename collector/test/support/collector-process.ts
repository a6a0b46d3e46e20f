import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

/** The built collector running as its own process, as users run it. */
export interface CollectorProcess {
  child: ChildProcess;
  url: string;
  logs: Record<string, unknown>[];
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts dist/main.js with `env` and resolves once it listens. */
export async function spawnCollector(env: NodeJS.ProcessEnv): Promise<CollectorProcess> {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, SYNCGOV_PORT: '0', SYNCGOV_SIMULATOR: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      logs.push(entry);
      if (entry.msg === 'collector listening') resolve(entry.url as string);
    });
    child.once('exit', (code) => reject(new Error(`collector exited with ${code}: ${stderr}`)));
  });
  return {
    child, url, logs,
    async stop(signal = 'SIGTERM') {
      // A process ended by a signal has a signalCode and no exitCode.
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      const [code] = await once(child, 'exit') as [number | null];
      return code;
    },
  };
}
