import client, { type OpenMetricsContentType, type Registry } from 'prom-client';
import type { Catalog } from '../catalog/catalog.js';

/**
 * Gauges that publish the catalog itself, so that dashboards and rules can
 * join flows to regions, criticality and objectives without a copy of it.
 */
export class CatalogGauges {
  private readonly plantInfo: client.Gauge;
  private readonly processInfo: client.Gauge;
  private readonly interfaceInfo: client.Gauge;
  private readonly interfacePlantInfo: client.Gauge;
  private readonly latencyObjective: client.Gauge;
  private readonly successObjective: client.Gauge;
  private readonly lastReload: client.Gauge;

  constructor(registry: Registry<OpenMetricsContentType>, version: string) {
    const registers = [registry];
    this.plantInfo = new client.Gauge({
      name: 'syncgov_plant_info',
      help: 'Always 1: one series per plant of the catalog, with its region and time zone.',
      labelNames: ['plant', 'name', 'region', 'timezone'],
      registers,
    });
    this.processInfo = new client.Gauge({
      name: 'syncgov_process_info',
      help: 'Always 1: one series per business process of the catalog, with its criticality.',
      labelNames: ['process', 'name', 'criticality'],
      registers,
    });
    this.interfaceInfo = new client.Gauge({
      name: 'syncgov_interface_info',
      help: 'Always 1: one series per interface of the catalog, with its systems and pattern.',
      labelNames: ['interface', 'process', 'source_system', 'target_system', 'pattern',
        'domain', 'system_of_record'],
      registers,
    });
    this.interfacePlantInfo = new client.Gauge({
      name: 'syncgov_interface_plant_info',
      help: 'Always 1: one series per plant an interface serves.',
      labelNames: ['interface', 'plant', 'process'],
      registers,
    });
    this.latencyObjective = new client.Gauge({
      name: 'syncgov_interface_latency_objective_seconds',
      help: 'The latency objective the catalog sets for the interface.',
      labelNames: ['interface', 'process'],
      registers,
    });
    this.successObjective = new client.Gauge({
      name: 'syncgov_interface_success_objective_ratio',
      help: 'The share of messages the catalog expects the interface to deliver.',
      labelNames: ['interface', 'process'],
      registers,
    });
    this.lastReload = new client.Gauge({
      name: 'syncgov_catalog_last_reload_success_timestamp_seconds',
      help: 'Unix time at which the catalog in force was loaded.',
      registers,
    });
    new client.Gauge({
      name: 'syncgov_build_info',
      help: 'Always 1, labelled with the collector version.',
      labelNames: ['version'],
      registers,
    }).set({ version }, 1);
  }

  update(catalog: Catalog): void {
    for (const gauge of this.all()) gauge.reset();
    this.lastReload.set(catalog.loadedAt.getTime() / 1000);
    for (const p of catalog.spec.plants) {
      this.plantInfo.set({ plant: p.id, name: p.name, region: p.region, timezone: p.timezone }, 1);
    }
    for (const p of catalog.spec.processes) {
      this.processInfo.set({ process: p.id, name: p.name, criticality: p.criticality }, 1);
    }
    for (const itf of catalog.spec.interfaces) this.updateInterface(catalog, itf.id);
  }

  private updateInterface(catalog: Catalog, id: string): void {
    const itf = catalog.interfaces.get(id);
    if (!itf) return;
    const domain = catalog.spec.domains.find((d) => d.id === itf.domain);
    this.interfaceInfo.set({
      interface: itf.id, process: itf.process, source_system: itf.source,
      target_system: itf.target, pattern: itf.pattern, domain: itf.domain,
      system_of_record: domain?.systemOfRecord ?? '',
    }, 1);
    for (const plant of itf.plants) {
      this.interfacePlantInfo.set({ interface: itf.id, plant, process: itf.process }, 1);
    }
    const labels = { interface: itf.id, process: itf.process };
    this.latencyObjective.set(labels, itf.latencyObjectiveSeconds);
    this.successObjective.set(labels, itf.successObjective);
  }

  private all(): client.Gauge[] {
    return [this.plantInfo, this.processInfo, this.interfaceInfo, this.interfacePlantInfo,
      this.latencyObjective, this.successObjective];
  }
}
