import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from './ports.js';

/** A server process a test started, with its address and temp dir. */
export interface Server {
  url: string;
  dir: string;
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts a process, keeps its output for failure messages, and stops it on request. */
export function startProcess(command: string, args: string[], dir: string, url: string,
  env: NodeJS.ProcessEnv = process.env): Server {
  const child = spawn(command, args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  return { url, dir, output: () => output, stop: () => stopChild(child, dir) };
}

async function stopChild(child: ChildProcess, dir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  rmSync(dir, { recursive: true, force: true });
}

/** Starts Alertmanager on a free loopback port with a temp data dir. */
export async function startAlertmanager(binary: string, configFile: string): Promise<Server> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'syncgov-am-'));
  const url = `http://127.0.0.1:${port}`;

  const server = startProcess(binary, [
    `--config.file=${configFile}`,
    `--storage.path=${dir}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--cluster.listen-address=',
  ], dir, url);
  await ready(server, `${url}/-/ready`, 'alertmanager');
  return server;
}

/** Starts Prometheus on a free loopback port with a temp TSDB. */
export async function startPrometheus(
  binary: string,
  configFile: string,
  extraArgs: string[] = [],
): Promise<Server> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'syncgov-prom-'));
  const url = `http://127.0.0.1:${port}`;

  const server = startProcess(binary, [
    `--config.file=${configFile}`,
    `--storage.tsdb.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--web.enable-lifecycle',
    ...extraArgs,
  ], dir, url);
  await ready(server, `${url}/-/ready`, 'prometheus');
  return server;
}

async function ready(server: Server, url: string, name: string): Promise<void> {
  try {
    await waitFor(`${name} at ${url}`, async () => (await fetch(url)).ok, 30_000);
  } catch (error) {
    await server.stop();
    throw new Error(`${(error as Error).message}\n${server.output()}`);
  }
}
