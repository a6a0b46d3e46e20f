import type { Notification, NotifiedAlert } from './webhook.js';

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
