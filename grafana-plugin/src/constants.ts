/** The app's plugin id, as Grafana knows it. */
export const PLUGIN_ID = 'syncgov-governance-app';

/** Where Grafana mounts the app's pages. */
export const APP_BASE_URL = `/a/${PLUGIN_ID}`;

/** Grafana's server-side proxy for the routes declared in plugin.json. */
export const PROXY_BASE_URL = `/api/plugin-proxy/${PLUGIN_ID}`;

/** Page paths under the app, relative to APP_BASE_URL. */
export const PAGES = {
  overview: 'overview',
  exceptions: 'exceptions',
  catalog: 'catalog',
} as const;

/** The trace datasource that provisioning creates; exemplar links use it too. */
export const TRACES_DATASOURCE_UID = 'syncgov-tempo';

/** How often the NOC view refreshes when the URL does not say. */
export const DEFAULT_KIOSK_REFRESH_SECONDS = 30;
