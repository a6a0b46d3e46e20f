import client, { type OpenMetricsContentType, type Registry } from 'prom-client';
import type { Store } from '../store/store.js';

const FLOW = ['interface', 'plant', 'process'];

/**
 * Gauges read from the store at each scrape, so that they describe the state
 * every replica shares rather than what one process happened to see. Since
 * every replica would read the same rows, only the holder of the store's
 * exporter lease exports them: summed across replicas they count once.
 */
export class StateGauges {
  private readonly exporter: client.Gauge;
  private readonly inFlight: client.Gauge;
  private readonly oldestAge: client.Gauge;
  private readonly lastSuccess: client.Gauge;
  private readonly exposureQuantity: client.Gauge;
  private readonly exposureValue: client.Gauge;
  private readonly exceptionsOpen: client.Gauge;
  private readonly oldestException: client.Gauge;
  private readonly systemOutage: client.Gauge;

  constructor(registry: Registry<OpenMetricsContentType>) {
    const registers = [registry];
    this.exporter = new client.Gauge({
      name: 'syncgov_shared_state_exporter',
      help: '1 on the one replica that exports the gauges read from the shared store '
        + '(in flight, exposure, open exceptions, outages), 0 on every other replica.',
      registers,
    });
    this.inFlight = new client.Gauge({
      name: 'syncgov_messages_in_flight',
      help: 'Messages received but neither delivered nor failed, by flow.',
      labelNames: FLOW, registers,
    });
    this.oldestAge = new client.Gauge({
      name: 'syncgov_oldest_in_flight_message_age_seconds',
      help: 'Age of the oldest message in flight, by flow; 0 when none is.',
      labelNames: FLOW, registers,
    });
    this.lastSuccess = new client.Gauge({
      name: 'syncgov_last_success_timestamp_seconds',
      help: 'Unix time of the last delivered message, by flow.',
      labelNames: FLOW, registers,
    });
    this.exposureQuantity = new client.Gauge({
      name: 'syncgov_business_exposure_quantity',
      help: 'Quantity held in messages in flight or failed, by plant and business process.',
      labelNames: ['plant', 'process', 'state'], registers,
    });
    this.exposureValue = new client.Gauge({
      name: 'syncgov_business_exposure_value',
      help: 'Value held in messages in flight or failed, in the catalog currency.',
      labelNames: ['plant', 'process', 'state'], registers,
    });
    this.exceptionsOpen = new client.Gauge({
      name: 'syncgov_exceptions_open',
      help: 'Exceptions not yet resolved, by plant, process, class, severity, owner and state.',
      labelNames: ['plant', 'process', 'class', 'severity', 'owner', 'state'], registers,
    });
    this.oldestException = new client.Gauge({
      name: 'syncgov_exceptions_oldest_open_age_seconds',
      help: 'Time since the oldest unresolved exception was first seen, by plant, process, '
        + 'class and owner.',
      labelNames: ['plant', 'process', 'class', 'owner'], registers,
    });
    this.systemOutage = new client.Gauge({
      name: 'syncgov_system_outage',
      help: '1 while a system is seen down at a plant (upstream outage failures, no delivery since).',
      labelNames: ['system', 'plant'], registers,
    });
  }

  /**
   * Reads the store, then replaces every series at once; exports none of
   * them while another replica holds the exporter lease.
   */
  async refresh(store: Store, now = Date.now()): Promise<void> {
    const exporting = await store.holdsExporterLease();
    this.exporter.set(exporting ? 1 : 0);
    if (exporting) await this.export(store, now);
    else this.reset();
  }

  private async export(store: Store, now: number): Promise<void> {
    const [flows, successes, exposure, exceptions, systems] = await Promise.all([
      store.flowGauges(), store.lastSuccesses(), store.exposure(), store.openExceptions(),
      store.systemStatus(),
    ]);
    this.reset();
    for (const row of flows) {
      const labels = { interface: row.interface, plant: row.plant, process: row.process };
      this.inFlight.set(labels, row.inFlight);
      const oldest = row.oldestStartedAt === null ? 0 : (now - row.oldestStartedAt) / 1000;
      this.oldestAge.set(labels, Math.max(0, oldest));
    }
    for (const row of successes) {
      const labels = { interface: row.interface, plant: row.plant, process: row.process };
      this.lastSuccess.set(labels, row.lastSuccessAt / 1000);
    }
    for (const row of exposure) {
      const labels = { plant: row.plant, process: row.process, state: row.state };
      this.exposureQuantity.set(labels, row.quantity);
      this.exposureValue.set(labels, row.value);
    }
    const oldest = new Map<string, { labels: Record<string, string>; seenAt: number }>();
    for (const { count, oldestSeenAt, ...labels } of exceptions) {
      this.exceptionsOpen.set(labels, count);
      const group = { plant: labels.plant, process: labels.process, class: labels.class,
        owner: labels.owner };
      const key = Object.values(group).join('\u0000');
      const known = oldest.get(key);
      if (!known || oldestSeenAt < known.seenAt) oldest.set(key, { labels: group, seenAt: oldestSeenAt });
    }
    for (const { labels, seenAt } of oldest.values()) {
      this.oldestException.set(labels, Math.max(0, (now - seenAt) / 1000));
    }
    for (const row of systems) {
      this.systemOutage.set({ system: row.system, plant: row.plant }, row.downSince === null ? 0 : 1);
    }
  }

  private reset(): void {
    for (const gauge of [this.inFlight, this.oldestAge, this.lastSuccess,
      this.exposureQuantity, this.exposureValue, this.exceptionsOpen, this.oldestException,
      this.systemOutage]) {
      gauge.reset();
    }
  }
}
