import {
  DashboardBuilder,
  DashboardCursorSync,
  type Dashboard,
  type Panel,
  type RowPanel,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { tag } from '../config.js';
import { standardLinks } from './links.js';
import { scopeVariables } from './variables.js';

/** What differs between the pack's dashboards. */
export interface BoardSpec {
  uid: string;
  title: string;
  description: string;
  refresh: string;
  from: string;
}

/** A dashboard with the pack's uid, tags, variables and links. */
export function board(spec: BoardSpec): DashboardBuilder {
  return new DashboardBuilder(spec.title)
    .uid(spec.uid)
    .description(spec.description)
    .tags([tag])
    .editable()
    .tooltip(DashboardCursorSync.Crosshair)
    .refresh(spec.refresh)
    .time({ from: spec.from, to: 'now' })
    .timezone('browser')
    .variables(scopeVariables())
    .links(standardLinks());
}

/** Numbers every panel in reading order so that ids stay stable between builds. */
export function numbered(dashboard: Dashboard): Dashboard {
  let id = 0;
  const number = (panel: Panel | RowPanel): Panel | RowPanel => ({ ...panel, id: (id += 1) });

  return { ...dashboard, panels: (dashboard.panels ?? []).map(number) };
}
