import {
  type DataFrame,
  EventBusSrv,
  FieldType,
  getDefaultTimeRange,
  LoadingState,
  type PanelPlugin,
  type PanelProps,
  toDataFrame,
} from '@grafana/data';
import { useEffect, useState } from 'react';

/** One series of a Prometheus instant query, as its HTTP API returns it. */
interface PromSample {
  metric: Record<string, string>;
  value: [number, string];
}

/** Frames shaped like those Grafana's Prometheus data source returns. */
function toFrames(samples: PromSample[]): DataFrame[] {
  return samples.map((sample) =>
    toDataFrame({
      fields: [
        { name: 'Time', type: FieldType.time, values: [sample.value[0] * 1000] },
        {
          name: 'Value',
          type: FieldType.number,
          labels: sample.metric,
          values: [Number(sample.value[1])],
        },
      ],
    })
  );
}

function panelProps(options: object, series: DataFrame[], width: number, height: number) {
  const timeRange = getDefaultTimeRange();
  return {
    id: 1,
    data: { series, state: LoadingState.Done, timeRange },
    timeRange,
    timeZone: 'utc',
    options,
    fieldConfig: { defaults: {}, overrides: [] },
    transparent: false,
    width,
    height,
    renderCounter: 0,
    title: '',
    eventBus: new EventBusSrv(),
    onOptionsChange: () => undefined,
    onFieldConfigChange: () => undefined,
    replaceVariables: (value: string) => value,
    onChangeTimeRange: () => undefined,
  } as unknown as PanelProps;
}

interface Props {
  matrix: PanelPlugin;
  queue: PanelPlugin;
  query: string;
}

/** A dashboard-like page with both nested panels, fed like Grafana feeds them. */
export function PanelsPage({ matrix, queue, query }: Props) {
  const [series, setSeries] = useState<DataFrame[]>();
  useEffect(() => {
    fetch(`/harness/prom?query=${encodeURIComponent(query)}`)
      .then((response) => response.json() as Promise<PromSample[]>)
      .then((samples) => setSeries(toFrames(samples)));
  }, [query]);
  const Matrix = matrix.panel!;
  const Queue = queue.panel!;
  const matrixOptions = {
    mediumAt: 1,
    highAt: 5,
    criticalAt: 20,
    unitLabel: 'open',
    drillToApp: true,
    large: false,
  };
  const queueOptions = { plant: '', process: '', interface: '', class: '', state: '', limit: 8 };
  return (
    <div style={{ display: 'grid', gap: 16, padding: 16 }}>
      <h2>syncgov business impact matrix (panel)</h2>
      {series && <Matrix {...panelProps(matrixOptions, series, 1240, 420)} />}
      <h2>syncgov exception queue (panel)</h2>
      <Queue {...panelProps(queueOptions, [], 1240, 460)} />
    </div>
  );
}
