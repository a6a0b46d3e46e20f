import {
  ThresholdsConfigBuilder,
  ThresholdsMode,
  MappingType,
  type ValueMapping,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as BarGaugeBuilder } from '@grafana/grafana-foundation-sdk/bargauge';
import {
  BarGaugeDisplayMode,
  BigValueColorMode,
  BigValueGraphMode,
  BigValueTextMode,
  ReduceDataOptionsBuilder,
  VizOrientation,
  LegendDisplayMode,
  VizLegendOptionsBuilder,
  LegendPlacement,
} from '@grafana/grafana-foundation-sdk/common';
import { PanelBuilder as StatBuilder } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TableBuilder } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as TimeseriesBuilder } from '@grafana/grafana-foundation-sdk/timeseries';
import type { DataqueryBuilder } from '@grafana/grafana-foundation-sdk/prometheus';
import { status } from '../config.js';

/** Where a panel sits: width out of 24 and height in grid rows. */
export interface Size {
  w: number;
  h: number;
}

/** Steps from the lowest: [colour, from-value] pairs, the first from -Infinity. */
export function steps(...pairs: [string, number | null][]): ThresholdsConfigBuilder {
  return new ThresholdsConfigBuilder()
    .mode(ThresholdsMode.Absolute)
    .steps(pairs.map(([color, value]) => ({ color, value })));
}

/** The traffic-light mapping of the status value 0, 1, 2. */
export function statusMappings(): ValueMapping[] {
  const options = Object.fromEntries(
    Object.values(status).map((s, index) => [String(s.value), { text: s.text, color: s.color, index }]),
  );
  return [{ type: MappingType.ValueToText, options }];
}

function lastValue(): ReduceDataOptionsBuilder {
  return new ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false);
}

/** A big number per series, readable from across a room. */
export function stat(title: string, size: Size, ...queries: DataqueryBuilder[]): StatBuilder {
  const panel = new StatBuilder()
    .title(title)
    .span(size.w)
    .height(size.h)
    .reduceOptions(lastValue())
    .graphMode(BigValueGraphMode.None)
    .colorMode(BigValueColorMode.Background)
    .textMode(BigValueTextMode.ValueAndName);
  for (const q of queries) panel.withTarget(q);
  return panel;
}

/** A bar per series, for comparing plants or flows. */
export function bars(title: string, size: Size, ...queries: DataqueryBuilder[]): BarGaugeBuilder {
  const panel = new BarGaugeBuilder()
    .title(title)
    .span(size.w)
    .height(size.h)
    .reduceOptions(lastValue())
    .displayMode(BarGaugeDisplayMode.Gradient)
    .orientation(VizOrientation.Horizontal);
  for (const q of queries) panel.withTarget(q);
  return panel;
}

/** Lines over time with a table legend. */
export function timeseries(title: string, size: Size, ...queries: DataqueryBuilder[]): TimeseriesBuilder {
  const panel = new TimeseriesBuilder()
    .title(title)
    .span(size.w)
    .height(size.h)
    .legend(
      new VizLegendOptionsBuilder()
        .displayMode(LegendDisplayMode.Table)
        .placement(LegendPlacement.Bottom)
        .showLegend(true)
        .calcs(['lastNotNull', 'max']),
    );
  for (const q of queries) panel.withTarget(q);
  return panel;
}

/** A table of the series of instant queries, one row each. */
export function rows(title: string, size: Size, ...queries: DataqueryBuilder[]): TableBuilder {
  const panel = new TableBuilder().title(title).span(size.w).height(size.h);
  for (const q of queries) panel.withTarget(q);
  return panel;
}
