import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** The parts of the business service catalog the rules are built from. */
export interface Catalog {
  plants: CatalogPlant[];
  processes: CatalogProcess[];
  systems: CatalogSystem[];
  owners: Record<string, string>;
  interfaces: CatalogInterface[];
}

export interface CatalogPlant {
  id: string;
  region: string;
}

export interface CatalogProcess {
  id: string;
  criticality: string;
}

export interface CatalogSystem {
  id: string;
  name: string;
  owner: string;
}

export interface CatalogInterface {
  id: string;
  name: string;
  source: string;
  target: string;
  pattern: string;
  process: string;
  plants: string[];
  latencyObjectiveSeconds: number;
  successObjective: number;
  owners?: Record<string, string>;
  prerequisites?: string[];
  runbook: string;
}

/** Reads a catalog YAML file; fails naming the file and the missing field. */
export function readCatalog(path: string): Catalog {
  const doc: unknown = parse(readFileSync(path, 'utf8'));
  const where = `catalog ${path}`;

  const root = asRecord(doc, where);
  return {
    plants: asList(root.plants, `${where}: plants`) as CatalogPlant[],
    processes: asList(root.processes, `${where}: processes`) as CatalogProcess[],
    systems: asList(root.systems, `${where}: systems`) as CatalogSystem[],
    owners: asRecord(root.owners, `${where}: owners`) as Record<string, string>,
    interfaces: asList(root.interfaces, `${where}: interfaces`).map((itf, i) =>
      checkInterface(itf, `${where}: interfaces[${i}]`),
    ),
  };
}

/** The team that owns exceptions of a class on an interface. */
export function ownerOf(catalog: Catalog, itf: CatalogInterface, cls: string): string {
  const owner = itf.owners?.[cls] ?? catalog.owners[cls];
  if (owner === undefined) {
    throw new Error(`catalog: no owner for class ${cls} of interface ${itf.id}`);
  }
  return owner;
}

/** The process's criticality; fails on a process the catalog lacks. */
export function criticalityOf(catalog: Catalog, processId: string): string {
  const process = catalog.processes.find((p) => p.id === processId);
  if (process === undefined) {
    throw new Error(`catalog: interface names unknown process ${processId}`);
  }
  return process.criticality;
}

const REQUIRED_NUMBERS = ['latencyObjectiveSeconds', 'successObjective'] as const;
const REQUIRED_STRINGS = ['id', 'name', 'source', 'target', 'process', 'runbook'] as const;

function checkInterface(value: unknown, where: string): CatalogInterface {
  const itf = asRecord(value, where);

  for (const key of REQUIRED_STRINGS) {
    if (typeof itf[key] !== 'string') throw new Error(`${where}: ${key} must be a string`);
  }
  for (const key of REQUIRED_NUMBERS) {
    if (typeof itf[key] !== 'number') throw new Error(`${where}: ${key} must be a number`);
  }
  asList(itf.plants, `${where}: plants`);
  return itf as unknown as CatalogInterface;
}

function asRecord(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${where} must be a mapping, got ${JSON.stringify(value)}`);
  }
  return value as Record<string, unknown>;
}

function asList(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) {
    throw new Error(`${where} must be a list, got ${JSON.stringify(value)}`);
  }
  return value;
}
