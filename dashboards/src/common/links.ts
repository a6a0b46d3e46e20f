import { DashboardLinkBuilder, DashboardLinkType } from '@grafana/grafana-foundation-sdk/dashboard';
import { pluginPages, tag } from '../config.js';

/** The other syncgov dashboards, keeping time range and variables. */
function dashboards(): DashboardLinkBuilder {
  return new DashboardLinkBuilder('syncgov dashboards')
    .type(DashboardLinkType.Dashboards)
    .tags([tag])
    .asDropdown(true)
    .includeVars(true)
    .keepTime(true);
}

function page(title: string, url: string, icon: string): DashboardLinkBuilder {
  return new DashboardLinkBuilder(title)
    .type(DashboardLinkType.Link)
    .url(url)
    .icon(icon)
    .tooltip(`Open ${title} in the syncgov app`)
    .includeVars(true)
    .keepTime(true);
}

/** Links every dashboard shows: its siblings and the app plugin's pages. */
export function standardLinks(): DashboardLinkBuilder[] {
  return [
    dashboards(),
    page('Governance overview', pluginPages.overview, 'apps'),
    page('Exceptions', pluginPages.exceptions, 'bolt'),
    page('Service catalog', pluginPages.catalog, 'doc'),
  ];
}

/** A data link from a row with plant and process to the exception list. */
export function exceptionsLink(): DashboardLinkBuilder {
  return new DashboardLinkBuilder('Open these exceptions')
    .type(DashboardLinkType.Link)
    .url(
      `${pluginPages.exceptions}?plant=\${__field.labels.plant}` +
      '&process=${__field.labels.process}&class=${__field.labels.class}',
    );
}
