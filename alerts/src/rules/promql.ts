import { collectorSelector } from '../config.js';

/** The labels every interface series is aggregated to. */
export const flowLabels = 'interface, plant, process';

/** `metric{job=...,k="v",...}` with the collector selector first. */
export function series(metric: string, matchers: Record<string, string> = {}): string {
  const extra = Object.entries(matchers).map(([k, v]) => matcher(k, v));
  return `${metric}{${[collectorSelector, ...extra].join(', ')}}`;
}

/** `k="v"`, or `k=~"v"` when the value is written as a regex `~(...)`. */
function matcher(key: string, value: string): string {
  return value.startsWith('~') ? `${key}=~"${value.slice(1)}"` : `${key}="${value}"`;
}

/** A number printed without floating-point noise, e.g. 14.4 * 0.005. */
export function num(value: number): string {
  return String(Number.parseFloat(value.toPrecision(12)));
}

/** Prometheus duration text to seconds: 5m, 1h, 3d. */
export function seconds(duration: string): number {
  const match = /^(\d+)([smhd])$/.exec(duration);
  if (match === null) throw new Error(`not a duration: ${duration}`);

  const unit = { s: 1, m: 60, h: 3600, d: 86400 }[match[2] as 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
}

/** Kebab-case id to the anchor of a runbook section. */
export function anchor(alertName: string): string {
  return alertName.toLowerCase();
}
