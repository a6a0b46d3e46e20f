import { FieldType, toDataFrame } from '@grafana/data';
import { describe, expect, it } from 'vitest';

import { framesToMatrix } from './frames';
import { DEFAULT_OPTIONS } from './options';

function series(labels: Record<string, string>, values: Array<number | null>) {
  return toDataFrame({
    fields: [
      { name: 'Time', type: FieldType.time, values: values.map((_, index) => index * 1000) },
      { name: 'Value', type: FieldType.number, labels, values },
    ],
  });
}

describe('impact matrix from data frames', () => {
  it('reads Prometheus series labelled by plant and process, taking the last value', () => {
    const matrix = framesToMatrix(
      [
        series({ plant: 'berlin', process: 'confirmation' }, [3, 30, null]),
        series({ plant: 'austin', process: 'confirmation' }, [0]),
      ],
      DEFAULT_OPTIONS
    );
    expect(matrix.plants.map((plant) => plant.id)).toEqual(['austin', 'berlin']);
    expect(matrix.cells).toEqual([
      {
        plant: 'berlin',
        process: 'confirmation',
        severity: 'critical',
        value: 30,
        unit: 'open',
        details: [],
      },
      {
        plant: 'austin',
        process: 'confirmation',
        severity: 'none',
        value: 0,
        unit: 'open',
        details: [],
      },
    ]);
  });

  it("prefers a severity label over thresholds and sums a cell's series", () => {
    const matrix = framesToMatrix(
      [
        series({ plant: 'berlin', process: 'invoicing', severity: 'low' }, [2]),
        series({ plant: 'berlin', process: 'invoicing', severity: 'high' }, [1]),
        series({ plant: 'berlin', process: 'invoicing', severity: 'critical' }, [0]),
      ],
      DEFAULT_OPTIONS
    );
    expect(matrix.cells).toEqual([
      {
        plant: 'berlin',
        process: 'invoicing',
        severity: 'high',
        value: 3,
        unit: 'open',
        details: [],
      },
    ]);
  });

  it('reads table frames with plant, process and value columns', () => {
    const table = toDataFrame({
      fields: [
        { name: 'plant', type: FieldType.string, values: ['berlin', 'berlin'] },
        { name: 'process', type: FieldType.string, values: ['shipping', 'invoicing'] },
        { name: 'Value #A', type: FieldType.number, values: [6, 1] },
      ],
    });
    const matrix = framesToMatrix([table], { ...DEFAULT_OPTIONS, unitLabel: 'stuck' });
    expect(
      matrix.cells.map((cell) => [cell.process, cell.severity, cell.value, cell.unit])
    ).toEqual([
      ['shipping', 'high', 6, 'stuck'],
      ['invoicing', 'medium', 1, 'stuck'],
    ]);
  });

  it('ignores series without plant and process labels', () => {
    expect(framesToMatrix([series({ job: 'collector' }, [5])], DEFAULT_OPTIONS).cells).toEqual([]);
  });
});
