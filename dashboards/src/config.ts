/**
 * Every uid, selector, threshold and link target the dashboards use, in one
 * place. Change here, run `npm run generate -w dashboards`, commit the JSON.
 */

/** Stable dashboard uids: links, bookmarks and the plugin rely on them. */
export const uids = {
  plantHealth: 'syncgov-plant-health',
  businessKpis: 'syncgov-business-kpis',
  integrationSre: 'syncgov-integration-sre',
  exceptionsReplay: 'syncgov-exceptions-replay',
} as const;

/** Tag that groups the pack's dashboards in the dashboard links menu. */
export const tag = 'syncgov';

/** The Prometheus datasource: a variable, defaulting to the provisioned uid. */
export const datasourceVariable = 'datasource';
export const provisionedPrometheusUid = 'syncgov-prometheus';

/** Selects the collector's series; match your scrape job's name. */
export const collectorJob = 'job="syncgov-collector"';

/** Flow selectors, filtered by the dashboard variables. */
export const flow = 'interface=~"$interface", plant=~"$plant", process=~"$process"';
export const plantProcess = 'plant=~"$plant", process=~"$process"';

/** The app plugin's pages. */
export const pluginPages = {
  overview: '/a/syncgov-governance-app/overview',
  exceptions: '/a/syncgov-governance-app/exceptions',
  catalog: '/a/syncgov-governance-app/catalog',
} as const;

/** Window over which KPIs and recovery estimates are computed. */
export const kpiWindow = '1h';
export const drainWindow = '10m';

/** Which flows feed each business KPI, matched on syncgov_interface_info. */
export const kpiFlows = {
  production: 'domain="production"',
  inventory: 'domain="inventory"',
  shipment: 'process="shipment-confirmation"',
  orderCycle: 'process=~"production-order-release|production-confirmation|shipment-confirmation"',
} as const;

/** Colours of the traffic-light status, shared by every status panel. */
export const status = {
  inSync: { value: 0, text: 'In sync', color: 'green' },
  ticket: { value: 1, text: 'Degraded', color: 'orange' },
  page: { value: 2, text: 'Paging', color: 'red' },
} as const;

/** Share of deliveries on time: red below, orange below, green above. */
export const onTimeThresholds = { red: 0, orange: 0.95, green: 0.99 };

/** Oldest message age against its objective: orange at half, red past it. */
export const ageRatioThresholds = { green: 0, orange: 0.5, red: 1 };

/** Auto-refresh of the NOC board and of the others. */
export const nocRefresh = '30s';
export const refresh = '1m';

/** Unit of business exposure values: the catalog's currency. */
export const currencyUnit = 'currencyEUR';

/** Alerts about interfaces, as Prometheus records them in ALERTS. */
export const interfaceAlerts = 'ALERTS{alertstate="firing", alertname=~"SyncgovInterface.*"}';
