import { DataqueryBuilder, PromQueryFormat } from '@grafana/grafana-foundation-sdk/prometheus';
import { datasourceVariable } from '../config.js';

/** The panels' Prometheus datasource, chosen by the dashboard variable. */
export const prometheus = { type: 'prometheus', uid: `\${${datasourceVariable}}` };

/** A range query drawn over time. */
export function range(refId: string, expr: string, legend = ''): DataqueryBuilder {
  return new DataqueryBuilder().refId(refId).expr(expr).range().legendFormat(legend)
    .datasource(prometheus);
}

/** A range query whose exemplars link to traces. */
export function withExemplars(refId: string, expr: string, legend = ''): DataqueryBuilder {
  return range(refId, expr, legend).exemplar(true);
}

/** An instant query for stats, gauges and tables. */
export function instant(refId: string, expr: string, legend = ''): DataqueryBuilder {
  return new DataqueryBuilder().refId(refId).expr(expr).instant().legendFormat(legend)
    .datasource(prometheus);
}

/** An instant query returned as a table, one row per series. */
export function table(refId: string, expr: string): DataqueryBuilder {
  return instant(refId, expr).format(PromQueryFormat.Table);
}
