// What the benchmark reports: per side events per second, request latency
// and the CPU the server used; the collector/baseline ratio and the
// traced/collector ratio (the price of span export); the collectors' memory
// and store at the end; and every reason not to trust the numbers.

const SCRAPED = [
  'process_resident_memory_bytes', 'nodejs_heap_size_used_bytes', 'nodejs_heap_size_total_bytes',
  'syncgov_ingest_events_accepted_total', 'syncgov_ingest_events_duplicate_total',
];

/** The collector's own figures from /metrics, by metric name. */
export async function scrape(url) {
  const response = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(30_000) });
  const text = await response.text();
  const values = { syncgov_ingest_events_rejected_total: 0 };
  for (const line of text.split('\n')) {
    const [series, value] = line.split(' ');
    if (SCRAPED.includes(series)) values[series] = Number(value);
    if (series?.startsWith('syncgov_ingest_events_rejected_total{')) {
      values.syncgov_ingest_events_rejected_total += Number(value);
    }
  }
  return values;
}

function side(phases, batchEvents) {
  const measured = phases.filter((p) => !p.warmup);
  const seconds = measured.reduce((sum, p) => sum + p.seconds, 0);
  const batches = measured.reduce((sum, p) => sum + p.ok, 0);
  const cpu = measured.reduce((sum, p) => sum + p.serverCpuSeconds, 0);
  const mean = (pick) => measured.reduce((sum, p) => sum + pick(p), 0) / measured.length;
  return {
    eventsPerSecond: Math.round((batches * batchEvents) / seconds),
    // Steadier than events/s on a shared machine: what one core of the server does.
    eventsPerServerCpuSecond: Math.round((batches * batchEvents) / cpu),
    batchesPerSecond: Math.round((batches / seconds) * 10) / 10,
    latencyMs: {
      p50: round(mean((p) => p.latencyMs.p50)),
      p99: Math.max(...measured.map((p) => p.latencyMs.p99)),
    },
    serverCores: round(cpu / seconds),
    loadCores: round(measured.reduce((sum, p) => sum + p.loadCpuSeconds, 0) / seconds),
    phases: measured.map((p) => ({
      runTag: p.runTag,
      eventsPerSecond: Math.round((p.ok * batchEvents) / p.seconds),
      seconds: p.seconds,
      latencyMs: p.latencyMs,
      serverCpuSeconds: round(p.serverCpuSeconds),
      loadCpuSeconds: round(p.loadCpuSeconds),
    })),
  };
}

function problemsOf(phases, final, batchEvents) {
  const problems = [];
  for (const p of phases) {
    if (p.non2xx + p.errors + p.timeouts > 0) {
      problems.push(`${p.runTag}: ${p.non2xx} non-2xx answers, ${p.errors} errors, `
        + `${p.timeouts} timeouts (${JSON.stringify(p.statusCodes)})`);
    }
  }
  for (const name of ['collector', 'traced']) {
    const acknowledged = phases.filter((p) => p.side === name)
      .reduce((sum, p) => sum + p.ok * batchEvents, 0);
    const m = final[name].metrics;
    if (m.syncgov_ingest_events_accepted_total < acknowledged) {
      problems.push(`${name}: counted ${m.syncgov_ingest_events_accepted_total} events `
        + `accepted, fewer than the ${acknowledged} its 202 answers acknowledged`);
    }
    if (m.syncgov_ingest_events_rejected_total + m.syncgov_ingest_events_duplicate_total > 0) {
      problems.push(`${name}: rejected ${m.syncgov_ingest_events_rejected_total} and took `
        + `${m.syncgov_ingest_events_duplicate_total} as duplicates: the bodies are wrong`);
    }
  }
  if (final.traced.spansExported === 0) {
    problems.push('traced: no span reached the OTLP sink: the tracing side measured nothing');
  }
  return problems;
}

function end(state) {
  const m = state.metrics;
  return {
    rssBytes: state.rssBytes,
    peakRssBytes: state.peakRssBytes,
    heapUsedBytes: m.nodejs_heap_size_used_bytes,
    heapTotalBytes: m.nodejs_heap_size_total_bytes,
    processResidentMemoryBytes: m.process_resident_memory_bytes,
    eventsAccepted: m.syncgov_ingest_events_accepted_total,
    storeBytes: state.storeBytes,
  };
}

/** The results file: environment, every side, the ratios and the end state. */
export function summarise(environment, phases, final) {
  const { batchEvents } = environment;
  const sideOf = (name) => side(phases.filter((p) => p.side === name), batchEvents);
  const [collector, traced, baseline] = ['collector', 'traced', 'baseline'].map(sideOf);
  const ratio = (a, b) => ({
    ratio: round(a.eventsPerSecond / b.eventsPerSecond, 3),
    ratioPerServerCpuSecond: round(a.eventsPerServerCpuSecond / b.eventsPerServerCpuSecond, 3),
  });
  return {
    environment,
    ...ratio(collector, baseline),
    tracing: ratio(traced, collector),
    collector: { ...collector, end: end(final.collector) },
    traced: { ...traced, end: { ...end(final.traced),
      spansExported: final.traced.spansExported } },
    baseline: { ...baseline, end: final.baseline },
    problems: problemsOf(phases, final, batchEvents),
  };
}

/** A short table on stdout. */
export function printReport(results, path) {
  const { environment: env, collector: c, traced: t, baseline: b } = results;
  const row = (name, s) => `${name.padEnd(22)}${fmt(s.eventsPerSecond).padStart(10)}`
    + `${s.batchesPerSecond.toFixed(1).padStart(11)}${s.latencyMs.p50.toFixed(1).padStart(9)}`
    + `${s.latencyMs.p99.toFixed(1).padStart(9)}${s.serverCores.toFixed(2).padStart(14)}`
    + `${fmt(s.eventsPerServerCpuSecond).padStart(16)}`;
  const lines = [
    '',
    `POST /v1/events: ${env.batchEvents} events per batch, ${env.connections} connections, `
      + `${env.rounds} x ${env.secondsPerPhase} s per side, node ${env.node}, `
      + `fastify ${env.fastify}, ${env.cpus} CPUs`,
    `${''.padEnd(22)}${'events/s'.padStart(10)}${'batches/s'.padStart(11)}`
      + `${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'server cores'.padStart(14)}`
      + `${'events/CPU-s'.padStart(16)}`,
    row('collector', c),
    row('collector + OTLP spans', t),
    row('baseline (parse only)', b),
    `ratio collector/baseline: ${results.ratio} in events/s, `
      + `${results.ratioPerServerCpuSecond} in events per server CPU second`,
    `ratio traced/collector: ${results.tracing.ratio} in events/s, `
      + `${results.tracing.ratioPerServerCpuSecond} in events per server CPU second; `
      + `${fmt(t.end.spansExported)} spans exported`,
    `collector at the end: RSS ${mib(c.end.rssBytes)} (peak ${mib(c.end.peakRssBytes)}), `
      + `heap used ${mib(c.end.heapUsedBytes)} of ${mib(c.end.heapTotalBytes)}, `
      + `store ${mib(c.end.storeBytes)} for ${fmt(c.end.eventsAccepted)} events`,
    `traced collector at the end: RSS ${mib(t.end.rssBytes)} `
      + `(peak ${mib(t.end.peakRssBytes)}), heap used ${mib(t.end.heapUsedBytes)}`,
    `baseline at the end: RSS ${mib(b.end.rssBytes)} (peak ${mib(b.end.peakRssBytes)})`,
    ...results.problems.map((p) => `PROBLEM: ${p}`),
    `results: ${path}`,
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

function round(value, digits = 2) {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function fmt(n) {
  return n.toLocaleString('en-US');
}

function mib(bytes) {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
