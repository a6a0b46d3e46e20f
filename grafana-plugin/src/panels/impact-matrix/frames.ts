import { type DataFrame, type Field, FieldType } from '@grafana/data';

import { SEVERITIES, type Severity } from '../../api/types';
import { type AxisItem, type MatrixCell } from '../../components/ImpactMatrix/model';
import { worstSeverity } from '../../display/severity';
import { type MatrixOptions } from './options';

/** One reading for a plant and process, from a label set or a table row. */
interface Reading {
  plant: string;
  process: string;
  value: number;
  severity?: Severity;
}

function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

function lastNumber(field: Field): number | undefined {
  for (let index = field.values.length - 1; index >= 0; index--) {
    const value: unknown = field.values[index];
    if (typeof value === 'number' && Number.isFinite(value)) {
      return value;
    }
  }
  return undefined;
}

function byName(frame: DataFrame, name: string): Field | undefined {
  return frame.fields.find((field) => field.name.toLowerCase() === name);
}

/** Prometheus style: one number field per series, plant and process as labels. */
function fromLabels(frame: DataFrame): Reading[] {
  const readings: Reading[] = [];
  for (const field of frame.fields) {
    const labels = field.labels ?? {};
    const value = field.type === FieldType.number ? lastNumber(field) : undefined;
    if (labels.plant && labels.process && value !== undefined) {
      const severity = isSeverity(labels.severity) ? labels.severity : undefined;
      readings.push({ plant: labels.plant, process: labels.process, value, severity });
    }
  }
  return readings;
}

/** Table style: plant, process and a number in columns, one reading per row. */
function fromColumns(frame: DataFrame, plants: Field, processes: Field): Reading[] {
  const values = frame.fields.find((field) => field.type === FieldType.number);
  const severities = byName(frame, 'severity');
  if (!values) {
    return [];
  }
  const readings: Reading[] = [];
  for (let row = 0; row < frame.length; row++) {
    const value: unknown = values.values[row];
    const severity: unknown = severities?.values[row];
    if (typeof value === 'number' && Number.isFinite(value)) {
      readings.push({
        plant: String(plants.values[row]),
        process: String(processes.values[row]),
        value,
        severity: isSeverity(severity) ? severity : undefined,
      });
    }
  }
  return readings;
}

export function readingsOf(frames: readonly DataFrame[]): Reading[] {
  return frames.flatMap((frame) => {
    const plants = byName(frame, 'plant');
    const processes = byName(frame, 'process');
    return plants && processes ? fromColumns(frame, plants, processes) : fromLabels(frame);
  });
}

function bySize(value: number, options: MatrixOptions): Severity {
  if (value >= options.criticalAt) {
    return 'critical';
  }
  if (value >= options.highAt) {
    return 'high';
  }
  if (value >= options.mediumAt) {
    return 'medium';
  }
  return value > 0 ? 'low' : 'none';
}

function axis(ids: Iterable<string>): AxisItem[] {
  return [...new Set(ids)].sort().map((id) => ({ id, label: id }));
}

export interface PanelMatrix {
  plants: AxisItem[];
  processes: AxisItem[];
  cells: MatrixCell[];
}

/**
 * Sums readings per plant and process. A severity label, when the query
 * keeps one, wins over the thresholds: the worst severity with a non-zero
 * value is the cell's.
 */
export function framesToMatrix(frames: readonly DataFrame[], options: MatrixOptions): PanelMatrix {
  const groups = new Map<string, Reading[]>();
  for (const reading of readingsOf(frames)) {
    const key = `${reading.plant}|${reading.process}`;
    groups.set(key, [...(groups.get(key) ?? []), reading]);
  }
  const cells = [...groups.values()].map((readings) => toCell(readings, options));
  return {
    plants: axis(cells.map((cell) => cell.plant)),
    processes: axis(cells.map((cell) => cell.process)),
    cells,
  };
}

function toCell(readings: Reading[], options: MatrixOptions): MatrixCell {
  const [first] = readings as [Reading, ...Reading[]];
  const total = readings.reduce((sum, reading) => sum + reading.value, 0);
  const labelled = readings.filter((reading) => reading.severity && reading.value > 0);
  const severity =
    labelled.length > 0
      ? worstSeverity(labelled.map((reading) => reading.severity as Severity))
      : bySize(total, options);
  return {
    plant: first.plant,
    process: first.process,
    severity: total > 0 ? severity : 'none',
    value: total,
    unit: options.unitLabel,
    details: [],
  };
}
