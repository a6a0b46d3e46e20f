import client, { Registry, type Histogram, type OpenMetricsContentType } from 'prom-client';
import type { Catalog } from '../catalog/catalog.js';
import type { Store } from '../store/store.js';
import { CatalogGauges } from './catalog-gauges.js';
import { StateGauges } from './state-gauges.js';

export const METRIC_PREFIX = 'syncgov_';

/** Latency buckets in seconds; every catalog objective is added to these. */
export const BASE_LATENCY_BUCKETS = [
  0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200, 14400, 86400,
];

const FLOW = ['interface', 'plant', 'process'] as const;

// prom-client's defaults name these gauges like counters; promtool rightly
// objects. Their unsuffixed twins (nodejs_active_handles, ...) stay.
const MISNAMED_DEFAULTS = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

/**
 * Every metric the collector exports. Metrics live in an OpenMetrics
 * registry (exemplars need it) and are mirrored into a text-format registry
 * for scrapers that do not ask for OpenMetrics.
 */
export class CollectorMetrics {
  readonly openMetrics = openMetricsRegistry();
  readonly text = new Registry();
  private readonly registers = [this.openMetrics];

  readonly lifecycleEvents = new client.Counter({
    name: 'syncgov_lifecycle_events_total',
    help: 'Lifecycle events accepted, by interface, plant, business process and stage.',
    labelNames: [...FLOW, 'stage'],
    registers: this.registers,
  });

  readonly messages = new client.Counter({
    name: 'syncgov_messages_total',
    help: 'Messages that reached an outcome (delivered or failed), by flow.',
    labelNames: [...FLOW, 'outcome'],
    registers: this.registers,
  });

  readonly accepted = new client.Counter({
    name: 'syncgov_ingest_events_accepted_total',
    help: 'Lifecycle events accepted by /v1/events.',
    registers: this.registers,
  });

  readonly duplicates = new client.Counter({
    name: 'syncgov_ingest_events_duplicate_total',
    help: 'Lifecycle events that were already recorded and were acknowledged without effect.',
    registers: this.registers,
  });

  readonly rejected = new client.Counter({
    name: 'syncgov_ingest_events_rejected_total',
    help: 'Lifecycle events refused, by error code.',
    labelNames: ['code'],
    registers: this.registers,
  });

  readonly labelsRefused = new client.Counter({
    name: 'syncgov_label_values_refused_total',
    help: 'Events whose interface or plant is not in the catalog, counted as _unknown instead.',
    labelNames: ['label'],
    registers: this.registers,
  });

  readonly catalogReloads = new client.Counter({
    name: 'syncgov_catalog_reloads_total',
    help: 'Catalog reloads, by result (success or failure).',
    labelNames: ['result'],
    registers: this.registers,
  });

  readonly replays = new client.Counter({
    name: 'syncgov_replays_total',
    help: 'Replays by flow and result: sent, unknown, failed when handed over; verified or '
      + 'unverified once the outcome is settled.',
    labelNames: [...FLOW, 'result'],
    registers: this.registers,
  });

  readonly escalations = new client.Counter({
    name: 'syncgov_exceptions_escalated_total',
    help: 'Exceptions whose severity policy raised after automatic retries ran out.',
    labelNames: [...FLOW, 'class'],
    registers: this.registers,
  });

  readonly seriesActive = new client.Gauge({
    name: 'syncgov_metric_series_active',
    help: 'Series this collector exported at its last scrape.',
    registers: this.registers,
  });

  latency: Histogram<(typeof FLOW)[number]>;
  readonly catalogGauges: CatalogGauges;
  readonly stateGauges: StateGauges;

  constructor(catalog: Catalog, version: string, private readonly store: Store) {
    client.collectDefaultMetrics({ register: this.openMetrics });
    for (const name of MISNAMED_DEFAULTS) this.openMetrics.removeSingleMetric(name);
    this.latency = this.createLatency(catalog);
    this.catalogGauges = new CatalogGauges(this.openMetrics, version);
    this.catalogGauges.update(catalog);
    this.stateGauges = new StateGauges(this.openMetrics);
    for (const metric of this.openMetrics.getMetricsAsArray()) {
      this.text.registerMetric(metric as unknown as client.Metric);
    }
  }

  /** Rebuilds what depends on the catalog: info gauges and latency buckets. */
  onCatalog(catalog: Catalog): void {
    this.catalogGauges.update(catalog);
    const buckets = latencyBuckets(catalog);
    const current = (this.latency as unknown as { upperBounds: number[] }).upperBounds;
    if (buckets.join() === current.join()) return;
    for (const registry of [this.openMetrics, this.text]) {
      registry.removeSingleMetric('syncgov_message_latency_seconds');
    }
    this.latency = this.createLatency(catalog);
    this.text.registerMetric(this.latency as unknown as client.Metric);
  }

  /** Renders the exposition for a scraper, reading shared state first. */
  async render(openMetrics: boolean): Promise<{ contentType: string; body: string }> {
    await this.stateGauges.refresh(this.store);
    const registry = openMetrics ? this.openMetrics : this.text;
    const body = await registry.metrics();
    this.seriesActive.set(countSeries(body));
    return { contentType: registry.contentType, body };
  }

  private createLatency(catalog: Catalog): Histogram<(typeof FLOW)[number]> {
    return new client.Histogram({
      name: 'syncgov_message_latency_seconds',
      help: 'End-to-end latency from the source event time to delivery, by flow.',
      labelNames: FLOW,
      buckets: latencyBuckets(catalog),
      enableExemplars: true,
      registers: this.registers,
    });
  }
}

function openMetricsRegistry(): Registry<OpenMetricsContentType> {
  const registry = new Registry<OpenMetricsContentType>();
  registry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
  return registry;
}

/** The base buckets and every latency objective of the catalog, ascending. */
export function latencyBuckets(catalog: Catalog): number[] {
  const all = new Set([...BASE_LATENCY_BUCKETS, ...catalog.latencyObjectives()]);
  return [...all].sort((a, b) => a - b);
}

function countSeries(exposition: string): number {
  let count = 0;
  for (const line of exposition.split('\n')) {
    if (line !== '' && !line.startsWith('#')) count += 1;
  }
  return count;
}
