import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulationEngine } from '../../src/simulator/engine.js';
import { defaultConfig } from '../../src/config/defaults.js';
import { requireTool } from '../support/require-tool.js';
import { sample, startCollector, type TestCollector } from '../support/collector-harness.js';

describe('the /metrics exposition', () => {
  let collector: TestCollector;
  let origin: number;

  beforeAll(async () => {
    origin = Date.now() - 60_000;
    collector = await startCollector();
    const config = { ...defaultConfig().simulator, messagesPerMinute: 3000 };
    config.failureRates = { ...config.failureRates, mapping: 0.05, posting_rule: 0.05 };
    const engine = new SimulationEngine(collector.catalog.current, config, origin);
    const events = [];
    for (let t = origin; t <= origin + 60_000; t += 1000) events.push(...engine.step(t));
    for (let i = 0; i < events.length; i += 1000) {
      const response = await collector.call('/v1/events', {
        method: 'POST', role: 'ingest',
        body: JSON.stringify({ events: events.slice(i, i + 1000) }),
      });
      expect(response.status).toBe(202);
      await response.body?.cancel();
    }
  }, 120_000);

  afterAll(async () => {
    await collector.close();
  });

  it('passes promtool check metrics', async () => {
    const promtool = requireTool('promtool', 'apt-get install -y prometheus');
    const text = await (await fetch(`${collector.url}/metrics`)).text();

    const lint = spawnSync(promtool, ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(lint.stderr + lint.stdout).toBe('');
    expect(lint.status).toBe(0);
  });

  it('speaks OpenMetrics with trace exemplars when asked', async () => {
    const response = await fetch(`${collector.url}/metrics`, {
      headers: { accept: 'application/openmetrics-text; version=1.0.0' },
    });
    const text = await response.text();

    expect(response.headers.get('content-type'))
      .toBe('application/openmetrics-text; version=1.0.0; charset=utf-8');
    expect(text).toMatch(/syncgov_message_latency_seconds_bucket\{le="60",.*\} \d+ # \{trace_id="[0-9a-f]{32}"\}/);
    expect(text.trimEnd().endsWith('# EOF')).toBe(true);
  });

  it('has a bucket at every latency objective of the catalog', async () => {
    const text = await (await fetch(`${collector.url}/metrics`)).text();
    const bounds = new Set([...text.matchAll(/syncgov_message_latency_seconds_bucket\{le="([^"]+)"/g)]
      .map((m) => m[1]));

    for (const objective of collector.catalog.current.latencyObjectives()) {
      expect(bounds).toContain(String(objective));
    }
  });

  it('exports the shared-state gauges itself on SQLite, where it is the only replica', async () => {
    const text = await (await fetch(`${collector.url}/metrics`)).text();
    const open = [...text.matchAll(/^syncgov_exceptions_open\{.*\} (\d+)$/gm)]
      .reduce((sum, m) => sum + Number(m[1]), 0);

    expect(sample(text, 'syncgov_shared_state_exporter')).toBe(1);
    expect(open).toBe(await unresolved());
    expect(open).toBeGreaterThan(0);
  });

  it('ages the oldest open exception of each plant, process, class and owner', async () => {
    const text = await (await fetch(`${collector.url}/metrics`)).text();
    const scrapedAt = Date.now();
    const ages = [...text.matchAll(
      /^syncgov_exceptions_oldest_open_age_seconds\{plant="([^"]+)",process="([^"]+)",class="([^"]+)",owner="([^"]+)"\} (\S+)$/gm)];
    const groups = new Set((await collector.store.openExceptions())
      .map((row) => [row.plant, row.process, row.class, row.owner].join(' ')));

    expect(new Set(ages.map((m) => m.slice(1, 5).join(' ')))).toEqual(groups);
    expect(ages).toHaveLength(groups.size);
    for (const m of ages) {
      expect(Number(m[5])).toBeGreaterThan(0);
      expect(Number(m[5])).toBeLessThanOrEqual((scrapedAt - origin) / 1000);
    }
  });

  it('never puts a business key into a label', async () => {
    const text = await (await fetch(`${collector.url}/metrics`)).text();
    expect(text).not.toMatch(/PO-[A-Z]{2}-[A-Z]{3}-\d+/);
    expect(text).not.toMatch(/msg-[0-9a-f]{20}/);
  });

  async function unresolved(): Promise<number> {
    const rows = await collector.store.openExceptions();
    return rows.reduce((sum, row) => sum + row.count, 0);
  }
});
