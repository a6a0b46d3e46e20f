import {
  DatasourceVariableBuilder,
  QueryVariableBuilder,
  VariableRefresh,
  VariableSort,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { datasourceVariable, provisionedPrometheusUid } from '../config.js';
import { prometheus } from './query.js';

/** The Prometheus to read, defaulting to the one provisioned with the pack. */
function datasource(): DatasourceVariableBuilder {
  return new DatasourceVariableBuilder(datasourceVariable)
    .label('Prometheus')
    .type('prometheus')
    .current({ text: 'Prometheus', value: provisionedPrometheusUid });
}

function labelValues(name: string, label: string, query: string): QueryVariableBuilder {
  return new QueryVariableBuilder(name)
    .label(label)
    .datasource(prometheus)
    .query(query)
    .refresh(VariableRefresh.OnTimeRangeChanged)
    .sort(VariableSort.AlphabeticalAsc)
    .multi(true)
    .includeAll(true)
    .allValue('.*')
    .current({ text: 'All', value: '$__all' });
}

/**
 * Region, then plant within the region (from the catalog's plant info),
 * process, then interface within the process.
 */
export function scopeVariables(): (DatasourceVariableBuilder | QueryVariableBuilder)[] {
  return [
    datasource(),
    labelValues('region', 'Region', 'label_values(syncgov_plant_info, region)'),
    labelValues('plant', 'Plant', 'label_values(syncgov_plant_info{region=~"$region"}, plant)'),
    labelValues('process', 'Process', 'label_values(syncgov_process_info, process)'),
    labelValues(
      'interface',
      'Interface',
      'label_values(syncgov_interface_info{process=~"$process"}, interface)',
    ),
  ];
}
