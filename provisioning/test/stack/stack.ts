import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { alertmanagerConfig } from '../../../alerts/src/alertmanager/routing.js';
import { readCatalog } from '../../../alerts/src/catalog.js';
import { EXAMPLE_CATALOG } from '../../../alerts/src/generate.js';
import { startAlertmanager, startPrometheus, type Server } from '../../../alerts/test/support/processes.js';
import { startOtlpReceiver, type OtlpReceiver } from '../../../collector/test/support/otlp-receiver.js';
import { provisioningDir, repoRoot } from '../paths.js';
import { startCollector, type ScenarioSpec } from './collector.js';
import { startWebhookReceiver, type WebhookReceiver } from './webhook.js';

/** Scrape and evaluation every 2s instead of 15s: only the clock is faster. */
export const TEST_INTERVAL = '2s';

/** One whole syncgov deployment on loopback. */
export interface Stack {
  collector: Server;
  prometheus: Server;
  alertmanager: Server;
  webhook: WebhookReceiver;
  /** Stands in for Tempo: the spans the collector exported. */
  traces: OtlpReceiver;
  stop: () => Promise<void>;
}

/** External programs the stack runs. */
export interface Binaries {
  prometheus: string;
  alertmanager: string;
}

/**
 * The committed prometheus.yml with only the intervals, the rule path and
 * the addresses of this stack changed.
 */
export function testPrometheusConfig(collector: string, alertmanager: string): string {
  const config = parse(readFileSync(resolve(provisioningDir, 'prometheus/prometheus.yml'), 'utf8'));
  config.global = { scrape_interval: TEST_INTERVAL, evaluation_interval: TEST_INTERVAL };
  config.rule_files = [resolve(repoRoot, 'alerts/rules/*.rules.yml')];
  config.alerting.alertmanagers[0].static_configs[0].targets = [new URL(alertmanager).host];
  config.scrape_configs[0].static_configs[0].targets = [new URL(collector).host];
  return stringify(config);
}

/** The generated routing with the test's webhook and seconds-long notification timing. */
export function testAlertmanagerConfig(webhookBaseUrl: string): string {
  const catalog = readCatalog(resolve(repoRoot, EXAMPLE_CATALOG));
  return stringify(alertmanagerConfig(catalog, {
    webhookBaseUrl,
    timing: { groupWait: '1s', groupInterval: '5s', repeatInterval: '1h' },
  }));
}

export async function startStack(scenario: ScenarioSpec, bin: Binaries): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), 'syncgov-stack-'));
  const started: { stop: () => Promise<void> }[] = [];
  const stopAll = async (): Promise<void> => {
    for (const s of started.reverse()) await s.stop();
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    const webhook = await startWebhookReceiver();
    started.push({ stop: webhook.close });
    writeFileSync(join(dir, 'alertmanager.yml'), testAlertmanagerConfig(webhook.baseUrl));
    const alertmanager = await startAlertmanager(bin.alertmanager, join(dir, 'alertmanager.yml'));
    started.push(alertmanager);
    const traces = await startOtlpReceiver();
    started.push({ stop: traces.close });
    const collector = await startCollector(scenario, traces.url);
    started.push(collector);
    writeFileSync(join(dir, 'prometheus.yml'), testPrometheusConfig(collector.url, alertmanager.url));
    // As in the compose file: exemplars carry the trace ids dashboards link to.
    const prometheus = await startPrometheus(bin.prometheus, join(dir, 'prometheus.yml'),
      ['--enable-feature=exemplar-storage']);
    started.push(prometheus);
    return { collector, prometheus, alertmanager, webhook, traces, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
