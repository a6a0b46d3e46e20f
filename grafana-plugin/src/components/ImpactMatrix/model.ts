import { type Severity } from '../../api/types';

/** One row or column heading of the matrix: a plant or a process. */
export interface AxisItem {
  id: string;
  label: string;
}

/** What one plant-and-process cell says, already in words. */
export interface MatrixCell {
  plant: string;
  process: string;
  severity: Severity;
  /** The one number a NOC operator reads first. */
  value: number;
  /** The word after it, for example `open`. */
  unit: string;
  /** Supporting facts, most important first. */
  details: string[];
}

export function cellKey(plant: string, process: string): string {
  return `${plant}\u0000${process}`;
}

export function indexCells(cells: readonly MatrixCell[]): Map<string, MatrixCell> {
  return new Map(cells.map((cell) => [cellKey(cell.plant, cell.process), cell]));
}
