import type { ExceptionClass } from '../exceptions/taxonomy.js';
import type {
  CatalogSpec,
  InterfaceSpec,
  PlantSpec,
  ProcessSpec,
  SystemSpec,
} from './schema.js';

/** A loaded, validated catalog with lookups by id. */
export class Catalog {
  readonly spec: CatalogSpec;
  readonly loadedAt: Date;
  readonly plants: ReadonlyMap<string, PlantSpec>;
  readonly processes: ReadonlyMap<string, ProcessSpec>;
  readonly systems: ReadonlyMap<string, SystemSpec>;
  readonly interfaces: ReadonlyMap<string, InterfaceSpec>;

  constructor(spec: CatalogSpec, loadedAt = new Date()) {
    this.spec = spec;
    this.loadedAt = loadedAt;
    this.plants = byId(spec.plants);
    this.processes = byId(spec.processes);
    this.systems = byId(spec.systems);
    this.interfaces = byId(spec.interfaces);
  }

  /** The team that owns exceptions of `cls` on an interface. */
  ownerFor(interfaceId: string, cls: ExceptionClass): string {
    const override = this.interfaces.get(interfaceId)?.owners?.[cls];
    return override ?? this.spec.owners[cls];
  }

  /** Whether the interface is declared to serve the plant. */
  serves(interfaceId: string, plantId: string): boolean {
    return this.interfaces.get(interfaceId)?.plants.includes(plantId) ?? false;
  }

  /** Every distinct latency objective, ascending. */
  latencyObjectives(): number[] {
    const values = new Set(this.spec.interfaces.map((i) => i.latencyObjectiveSeconds));
    return [...values].sort((a, b) => a - b);
  }

  /** Every (interface, plant) pair the catalog declares. */
  flows(): { interface: InterfaceSpec; plant: PlantSpec }[] {
    return this.spec.interfaces.flatMap((itf) =>
      itf.plants.map((id) => ({ interface: itf, plant: this.plants.get(id) as PlantSpec })),
    );
  }

  summary(): CatalogSummary {
    return {
      organisation: this.spec.organisation,
      plants: this.spec.plants.length,
      processes: this.spec.processes.length,
      interfaces: this.spec.interfaces.length,
      loadedAt: this.loadedAt.toISOString(),
    };
  }
}

export interface CatalogSummary {
  organisation: string;
  plants: number;
  processes: number;
  interfaces: number;
  loadedAt: string;
}

function byId<T extends { id: string }>(list: readonly T[]): ReadonlyMap<string, T> {
  return new Map(list.map((item) => [item.id, item]));
}
