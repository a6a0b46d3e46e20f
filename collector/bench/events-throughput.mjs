#!/usr/bin/env node
// npm run bench: lifecycle events per second through POST /v1/events on one
// collector process, beside a bare fastify route that only parses the same
// bodies, and beside a second collector that also exports its spans by OTLP
// (the price of tracing). Phases alternate the sides round by round so that
// drift of the machine falls on all of them. Loopback only; every server and
// load process is stopped at the end, also when the run fails.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';
import { cpuSeconds, residentMemory, runLoad, startServer, stopServer } from './processes.mjs';
import { printReport, scrape, summarise } from './report.mjs';

const COLLECTOR = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const BASELINE = fileURLToPath(new URL('./baseline-server.mjs', import.meta.url));
const OTLP_SINK = fileURLToPath(new URL('./otlp-sink.mjs', import.meta.url));
const RESULTS = fileURLToPath(new URL('./results/latest.json', import.meta.url));
const BODY_LIMIT_BYTES = 5 * 1024 * 1024;

function options() {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '10' },
      rounds: { type: 'string', default: '2' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string', default: '8' },
      batch: { type: 'string', default: '100' },
      seed: { type: 'string', default: '42' },
    },
  });
  const number = (name, min, max) => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new Error(`--${name} must be an integer from ${min} to ${max}, got ${values[name]}`);
    }
    return value;
  };
  return {
    secondsPerPhase: number('seconds', 1, 60),
    rounds: number('rounds', 1, 5),
    warmupSeconds: number('warmup', 0, 10),
    connections: number('connections', 1, 256),
    batchEvents: number('batch', 4, 5000),
    seed: number('seed', 0, 2 ** 31),
  };
}

function serverEnv(extra) {
  const env = Object.fromEntries(Object.entries(process.env)
    .filter(([name]) => !name.startsWith('SYNCGOV_')));
  return { ...env, ...extra };
}

// Level info: the collector logs its address at info and nothing per request.
function startCollector(name, dataDir, extra = {}) {
  mkdirSync(dataDir, { recursive: true });
  return startServer(name, [COLLECTOR], serverEnv({
    SYNCGOV_HOST: '127.0.0.1', SYNCGOV_PORT: '0', SYNCGOV_DATA_DIR: dataDir,
    SYNCGOV_SIMULATOR: 'false', SYNCGOV_LOG_LEVEL: 'info',
    SYNCGOV_BODY_LIMIT_BYTES: String(BODY_LIMIT_BYTES), ...extra,
  }), 'collector listening');
}

/** The sides in the order each round runs them, and the OTLP sink. */
async function startServers(dataDir) {
  const sink = await startServer('otlp-sink', [OTLP_SINK], serverEnv({}), 'otlp sink listening');
  const sides = await Promise.allSettled([
    startCollector('collector', join(dataDir, 'plain')),
    startCollector('traced', join(dataDir, 'traced'), { SYNCGOV_OTLP_ENDPOINT: sink.url }),
    startServer('baseline', [BASELINE], serverEnv({
      BENCH_BODY_LIMIT_BYTES: String(BODY_LIMIT_BYTES),
    }), 'baseline listening'),
  ]);
  return [{ status: 'fulfilled', value: sink }, ...sides];
}

async function phase(server, opts, runTag, seconds, baseTime, warmup = false) {
  const cpuBefore = cpuSeconds(server.pid);
  const load = await runLoad({ url: server.url, seconds, connections: opts.connections,
    batchEvents: opts.batchEvents, seed: opts.seed, runTag, baseTime });
  const serverCpuSeconds = cpuSeconds(server.pid) - cpuBefore;
  process.stdout.write(`  ${runTag.padEnd(12)} ${server.name.padEnd(9)} `
    + `${Math.round((load.ok * opts.batchEvents) / load.seconds)} events/s\n`);
  return { runTag, side: server.name, warmup, ...load, serverCpuSeconds };
}

async function measure(servers, opts) {
  const baseTime = Math.floor(Date.now() / 1000) * 1000;
  const phases = [];
  if (opts.warmupSeconds > 0) {
    for (const server of servers) {
      phases.push(await phase(server, opts, `warmup-${server.name}`, opts.warmupSeconds,
        baseTime, true));
    }
  }
  for (let round = 1; round <= opts.rounds; round += 1) {
    for (const server of servers) {
      phases.push(await phase(server, opts, `round${round}-${server.name}`,
        opts.secondsPerPhase, baseTime));
    }
  }
  return phases;
}

function storeBytes(dataDir) {
  return readdirSync(dataDir).reduce((sum, file) => sum + statSync(join(dataDir, file)).size, 0);
}

async function collectorState(server, dataDir) {
  return { ...residentMemory(server.pid), metrics: await scrape(server.url),
    storeBytes: storeBytes(dataDir) };
}

async function finalState({ collector, traced, baseline, sink }, dataDir) {
  // Let the traced collector's last batch of spans leave before counting.
  await new Promise((resolve) => setTimeout(resolve, 6000));
  const { spans } = await (await fetch(`${sink.url}/count`)).json();
  return {
    collector: await collectorState(collector, join(dataDir, 'plain')),
    traced: { ...await collectorState(traced, join(dataDir, 'traced')), spansExported: spans },
    baseline: residentMemory(baseline.pid),
  };
}

function environment(opts) {
  const require = createRequire(import.meta.url);
  return {
    generatedAt: new Date().toISOString(),
    node: process.version,
    fastify: require('fastify/package.json').version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    bodyLimitBytes: BODY_LIMIT_BYTES,
    ...opts,
  };
}

async function main() {
  const opts = options();
  const dataDir = mkdtempSync(join(tmpdir(), 'syncgov-bench-'));
  const started = await startServers(dataDir);
  const servers = started.filter((s) => s.status === 'fulfilled').map((s) => s.value);
  const cleanup = async () => {
    await Promise.all(servers.map(stopServer));
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  try {
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    const [sink, collector, traced, baseline] = servers;
    process.stdout.write(`collector ${collector.url}, traced ${traced.url} (spans to `
      + `${sink.url}), baseline ${baseline.url}\n`);
    const phases = await measure([collector, traced, baseline], opts);
    const results = summarise(environment(opts), phases,
      await finalState({ collector, traced, baseline, sink }, dataDir));
    mkdirSync(join(RESULTS, '..'), { recursive: true });
    writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
    printReport(results, RESULTS);
    if (results.problems.length > 0) process.exitCode = 1;
  } finally {
    await cleanup();
  }
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err.stack ?? String(err)}\n`);
  process.exitCode = 1;
});
