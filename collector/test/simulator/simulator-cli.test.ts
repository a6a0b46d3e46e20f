import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sample, startCollector, type TestCollector } from '../support/collector-harness.js';

// The CLI runs from dist/, as its users run it; test/support/global-build.ts
// builds dist/ before any test file starts.
const CLI = fileURLToPath(new URL('../../dist/simulator/cli.js', import.meta.url));
const KILL_AFTER_MS = 20_000;

// Simulated latencies are 5 to 50 % of each interface's objective (at least
// 1.5 s), so a few seconds deliver only the quickest messages: the rate is
// high enough for three interfaces to deliver dozens each within the run.
const RATE_PER_MINUTE = 60_000;
const DURATION_SECONDS = 6;

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the simulator CLI to its end; kills it if it outlives KILL_AFTER_MS. */
function runSimulator(args: string[]): Promise<Exit> {
  const child = spawn(process.execPath, [CLI, ...args], {
    // Only what the CLI needs: no SYNCGOV_* setting of the developer leaks in.
    env: { PATH: process.env.PATH ?? '', SYNCGOV_LOG_LEVEL: 'info',
      SYNCGOV_SIMULATOR_TOKEN: 'demo-ingest' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const killer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** The `msg`-named line of a pino JSON log. */
function logLine(stdout: string, msg: string): Record<string, unknown> | undefined {
  return stdout.split('\n').filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .find((entry) => entry.msg === msg);
}

function deliveredByInterface(exposition: string): Map<string, number> {
  const delivered = new Map<string, number>();
  const pattern = /^syncgov_messages_total\{(.*)\} (\S+)$/;
  for (const line of exposition.split('\n')) {
    const match = pattern.exec(line);
    if (!match || !match[1]?.includes('outcome="delivered"')) continue;
    const itf = /interface="([^"]+)"/.exec(match[1])?.[1] ?? '';
    delivered.set(itf, (delivered.get(itf) ?? 0) + Number(match[2]));
  }
  return delivered;
}

describe('syncgov-simulator against a running collector', () => {
  let collector: TestCollector;
  let exit: Exit;
  let exposition: string;

  beforeAll(async () => {
    collector = await startCollector();
    exit = await runSimulator(['--url', collector.url, '--rate', String(RATE_PER_MINUTE),
      '--duration', String(DURATION_SECONDS)]);
    exposition = await (await fetch(`${collector.url}/metrics`)).text();
  }, 40_000);

  afterAll(async () => {
    await collector?.close();
  });

  it('runs for its duration and exits 0', () => {
    expect(exit.stderr).toBe('');
    expect(exit.signal).toBeNull();
    expect(exit.code).toBe(0);
  });

  it('has every event it sent accepted, none refused', () => {
    const stopped = logLine(exit.stdout, 'simulator stopped');
    const sent = stopped?.sent as number;

    expect(sent).toBeGreaterThan(RATE_PER_MINUTE / 60 * DURATION_SECONDS);
    expect(sample(exposition, 'syncgov_ingest_events_accepted_total')).toBe(sent);
    expect(sample(exposition, 'syncgov_ingest_events_duplicate_total')).toBe(0);
    expect(exposition).not.toMatch(/^syncgov_ingest_events_rejected_total\{/m);
    expect(exposition).not.toMatch(/^syncgov_label_values_refused_total\{/m);
  });

  it('gets messages of several interfaces delivered', () => {
    const delivered = deliveredByInterface(exposition);

    // The quickest flows of the example catalog: objectives of 30 s and 60 s.
    expect(delivered.get('erp-wms-shipment')).toBeGreaterThan(0);
    expect(delivered.get('qms-erp-quality-result')).toBeGreaterThan(0);
    expect(delivered.get('mes-erp-completion')).toBeGreaterThan(0);
    const catalog = collector.catalog.current;
    for (const id of delivered.keys()) expect(catalog.interfaces.has(id)).toBe(true);
  });
});
