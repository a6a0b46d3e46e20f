import type { Dashboard, Panel, RowPanel } from '@grafana/grafana-foundation-sdk/dashboard';

/** One Prometheus query of one panel. */
export interface PanelQuery {
  dashboard: string;
  panelId: number;
  panel: string;
  refId: string;
  expr: string;
  instant: boolean;
}

interface Target {
  refId?: string;
  expr?: string;
  instant?: boolean;
}

function isPanel(panel: Panel | RowPanel): panel is Panel {
  return panel.type !== 'row';
}

/** Every query of every panel of a dashboard, in panel order. */
export function panelQueries(dashboard: Dashboard): PanelQuery[] {
  return (dashboard.panels ?? []).filter(isPanel).flatMap((panel) =>
    ((panel.targets ?? []) as Target[]).map((target) => ({
      dashboard: dashboard.uid ?? '',
      panelId: panel.id ?? 0,
      panel: panel.title ?? '',
      refId: target.refId ?? '',
      expr: target.expr ?? '',
      instant: target.instant === true,
    })),
  );
}
