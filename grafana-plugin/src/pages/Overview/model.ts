import { type Catalog, type ImpactCell, type ImpactReport } from '../../api/types';
import { type AxisItem, type MatrixCell } from '../../components/ImpactMatrix/model';
import { formatAge, formatCount, formatMoney } from '../../display/format';

export interface OverviewModel {
  plants: AxisItem[];
  processes: AxisItem[];
  cells: MatrixCell[];
  totals: Totals;
}

export interface Totals {
  openExceptions: number;
  slaBreaches: number;
  criticalCells: number;
  oldestAgeSeconds: number | null;
  exposureValue: number;
  currency: string;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

function details(cell: ImpactCell, currency: string): string[] {
  const lines: string[] = [];
  if (cell.slaBreaches > 0) {
    lines.push(plural(cell.slaBreaches, 'SLA breach', 'SLA breaches'));
  }
  if (cell.oldestAgeSeconds !== null) {
    lines.push(`oldest ${formatAge(cell.oldestAgeSeconds)}`);
  }
  if (cell.inFlight > 0) {
    lines.push(`${formatCount(cell.inFlight)} in flight`);
  }
  if (cell.exposure.value > 0) {
    lines.push(`${formatMoney(cell.exposure.value, currency)} held`);
  }
  return lines;
}

export function toMatrixCell(cell: ImpactCell, currency: string): MatrixCell {
  return {
    plant: cell.plant,
    process: cell.process,
    severity: cell.severity,
    value: cell.openExceptions,
    unit: 'open',
    details: details(cell, currency),
  };
}

function servedPairs(catalog: Catalog): Set<string> {
  const pairs = new Set<string>();
  for (const entry of catalog.interfaces) {
    for (const plant of entry.plants) {
      pairs.add(`${plant}|${entry.process}`);
    }
  }
  return pairs;
}

function quietCell(plant: string, process: string): MatrixCell {
  return { plant, process, severity: 'none', value: 0, unit: 'open', details: [] };
}

function totalsOf(cells: readonly ImpactCell[], currency: string): Totals {
  const ages = cells.map((cell) => cell.oldestAgeSeconds).filter((age) => age !== null);
  return {
    openExceptions: cells.reduce((sum, cell) => sum + cell.openExceptions, 0),
    slaBreaches: cells.reduce((sum, cell) => sum + cell.slaBreaches, 0),
    criticalCells: cells.filter((cell) => cell.severity === 'critical').length,
    oldestAgeSeconds: ages.length === 0 ? null : Math.max(...ages),
    exposureValue: cells.reduce((sum, cell) => sum + cell.exposure.value, 0),
    currency,
  };
}

/**
 * Lays the impact report over the catalog: every plant and process appears,
 * a pair that an interface serves but that has no trouble reads `0 open`, and
 * a pair that nothing serves stays empty.
 */
export function buildOverview(catalog: Catalog, report: ImpactReport): OverviewModel {
  const reported = new Map(report.cells.map((cell) => [`${cell.plant}|${cell.process}`, cell]));
  const cells: MatrixCell[] = [];
  for (const pair of new Set([...servedPairs(catalog), ...reported.keys()])) {
    const cell = reported.get(pair);
    const [plant = '', process = ''] = pair.split('|');
    cells.push(cell ? toMatrixCell(cell, catalog.currency) : quietCell(plant, process));
  }
  return {
    plants: catalog.plants.map((plant) => ({ id: plant.id, label: plant.name })),
    processes: catalog.processes.map((process) => ({ id: process.id, label: process.name })),
    cells,
    totals: totalsOf(report.cells, catalog.currency),
  };
}
