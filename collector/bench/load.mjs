// The load generator of the benchmark: one phase, in its own process, so
// that the server measured never shares an event loop with its load. It takes
// its phase from the parent over IPC and answers with autocannon's figures.
import autocannon from 'autocannon';
import { batchSource } from './batches.mjs';

/**
 * @param {{ url: string, seconds: number, connections: number, batchEvents: number,
 *   seed: number, runTag: string, baseTime: number }} phase
 */
async function run(phase) {
  const batches = await batchSource(phase);
  const cpuBefore = process.cpuUsage();
  const result = await autocannon({
    url: phase.url,
    connections: phase.connections,
    pipelining: 1,
    duration: phase.seconds,
    timeout: 30,
    requests: [{
      method: 'POST',
      path: '/v1/events',
      // The collector's demo ingest token; the baseline ignores it. Sent to
      // both so the two sides parse the same requests.
      headers: { 'content-type': 'application/json', authorization: 'Bearer demo-ingest' },
      setupRequest: (request) => ({ ...request, body: batches.next() }),
    }],
  });
  const cpu = process.cpuUsage(cpuBefore);
  return {
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    seconds: result.duration,
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, mean: result.latency.average,
      max: result.latency.max },
    batchesBuilt: batches.produced,
    loadCpuSeconds: (cpu.user + cpu.system) / 1e6,
    statusCodes: result.statusCodeStats,
  };
}

process.once('message', (phase) => {
  run(phase)
    .then((summary) => process.send({ summary }, () => process.exit(0)))
    .catch((err) => process.send({ error: err.stack ?? String(err) }, () => process.exit(1)));
});
