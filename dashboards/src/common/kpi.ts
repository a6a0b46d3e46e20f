import { collectorJob, kpiWindow } from '../config.js';

/** `* on (interface) group_left ...`: keeps only the flows a KPI selects. */
export function onlyFlows(selector: string): string {
  return `* on (interface) group_left\nmax by (interface) (syncgov_interface_info{${collectorJob}, ${selector}})`;
}

/**
 * Share of a KPI's messages delivered, and on time, per plant and process:
 * success ratio times the share within the latency objective.
 */
export function onTimeShare(selector: string): string {
  const sel = 'plant=~"$plant", process=~"$process"';
  return `avg by (plant, process) (
  (1 - slo:sli_error:ratio_rate${kpiWindow}{sli="success", ${sel}})
  * ignoring (slo, sli)
  (1 - slo:sli_error:ratio_rate${kpiWindow}{sli="latency", ${sel}})
  ${onlyFlows(selector)}
)`;
}

/** Share of a KPI's catalog flows per plant that reported events in the window. */
export function instrumentedShare(selector: string): string {
  const declared = `syncgov_interface_plant_info{${collectorJob}, plant=~"$plant"}\n${onlyFlows(selector)}`;
  const reporting = `sum by (interface, plant) (
    increase(syncgov_lifecycle_events_total{${collectorJob}, plant=~"$plant"}[${kpiWindow}])
  ) > 0`;

  return `(
  count by (plant) ((${reporting}) ${onlyFlows(selector)})
  or on (plant)
  0 * count by (plant) (${declared})
)
/
count by (plant) (${declared})`;
}
