import type { Catalog } from '../catalog.js';
import {
  notificationTiming,
  webhookBaseUrl,
  type NotificationTiming,
  type Severity,
} from '../config.js';
import { inhibitRules, type InhibitRule } from './inhibition.js';
import { teamsOf } from './teams.js';

/** What a deployment (or the stack test) may change without changing routing. */
export interface RoutingOptions {
  webhookBaseUrl: string;
  timing: NotificationTiming;
}

export const defaultRoutingOptions: RoutingOptions = {
  webhookBaseUrl,
  timing: notificationTiming,
};

/** The receiver of alerts whose owner no route knows. */
export const UNROUTED = 'syncgov-unrouted';

interface Route {
  receiver: string;
  matchers?: string[];
  group_by?: string[];
  group_wait?: string;
  group_interval?: string;
  repeat_interval?: string;
  routes?: Route[];
}

interface Receiver {
  name: string;
  webhook_configs: { url: string; send_resolved: boolean }[];
}

export interface AlertmanagerConfig {
  route: Route;
  inhibit_rules: InhibitRule[];
  receivers: Receiver[];
}

/** Alertmanager routing: by owner team, then page or ticket; grouped by plant and process. */
export function alertmanagerConfig(
  catalog: Catalog,
  options: RoutingOptions = defaultRoutingOptions,
): AlertmanagerConfig {
  const teams = teamsOf(catalog);
  const base = options.webhookBaseUrl.replace(/\/+$/, '');

  return {
    route: {
      receiver: UNROUTED,
      group_by: ['plant', 'process'],
      group_wait: options.timing.groupWait,
      group_interval: options.timing.groupInterval,
      repeat_interval: options.timing.repeatInterval,
      routes: teams.map(teamRoute),
    },
    inhibit_rules: inhibitRules(catalog),
    receivers: [
      webhook(UNROUTED, `${base}/unrouted`),
      ...teams.flatMap((team) => [
        webhook(receiverName(team, 'page'), `${base}/${team}/page`),
        webhook(receiverName(team, 'ticket'), `${base}/${team}/ticket`),
      ]),
    ],
  };
}

/** The receiver an owner's alerts of a severity go to. */
export function receiverName(team: string, severity: Severity): string {
  return `${team}-${severity}`;
}

// Anything of the team that is not a page becomes a ticket.
function teamRoute(team: string): Route {
  return {
    receiver: receiverName(team, 'ticket'),
    matchers: [`owner="${team}"`],
    routes: [{ receiver: receiverName(team, 'page'), matchers: ['severity="page"'] }],
  };
}

function webhook(name: string, url: string): Receiver {
  return { name, webhook_configs: [{ url, send_resolved: true }] };
}
