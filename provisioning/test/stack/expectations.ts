import type { Notification, NotifiedAlert } from './webhook.js';

/**
 * Metrics the dashboards and rules use that the collector does not export
 * yet. A query on one of them is checked to wait for it; once the collector
 * exports it, the test fails until the name is removed here.
 */
export const PENDING_COLLECTOR_METRICS: readonly string[] = [
  'syncgov_exceptions_oldest_open_age_seconds',
];

/** The pending metric a query reads, if any. */
export function pendingMetricOf(expr: string): string | undefined {
  return PENDING_COLLECTOR_METRICS.find((name) => expr.includes(name));
}

/** Names of the metric families a Prometheus text exposition declares. */
export function exportedFamilies(exposition: string): Set<string> {
  const names = [...exposition.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1] ?? '');
  return new Set(names);
}

/** Alerts of a state that carry all the given labels, across notifications. */
export function notified(
  notifications: Notification[],
  status: NotifiedAlert['status'],
  labels: Record<string, string>,
): { notification: Notification; alert: NotifiedAlert }[] {
  return notifications.flatMap((notification) =>
    notification.alerts
      .filter((a) => a.status === status)
      .filter((a) => Object.entries(labels).every(([k, v]) => a.labels[k] === v))
      .map((alert) => ({ notification, alert })),
  );
}
