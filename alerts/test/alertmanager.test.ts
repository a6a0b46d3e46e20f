import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { receiverName, UNROUTED } from '../src/alertmanager/routing.js';
import { alertsDir, committedAlerts } from './support/files.js';
import { findTool, run } from './support/tools.js';

const configFile = resolve(alertsDir, 'alertmanager/alertmanager.yml');
const amtool = findTool('amtool');

/** The receiver amtool resolves the labels to; amtool itself verifies `expected`. */
function routeOf(labels: Record<string, string>, expected: string): string {
  const args = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
  const { status, stdout, output } = run(amtool as string, [
    'config', 'routes', 'test', `--config.file=${configFile}`,
    `--verify.receivers=${expected}`, ...args,
  ]);
  if (status !== 0) throw new Error(`amtool config routes test failed: ${output}`);
  return stdout.trim();
}

describe('Alertmanager routing', () => {
  it('passes amtool check-config', () => {
    const { status, output } = run(amtool as string, ['check-config', configFile]);

    expect(output).toContain('SUCCESS');
    expect(status, output).toBe(0);
  });

  it('pages the MES owner for a late completion stream at a plant', () => {
    expect(routeOf({
      alertname: 'SyncgovInterfaceLatencyBudgetBurn',
      owner: 'mes-plant-support',
      severity: 'page',
      plant: 'cz-pls',
      process: 'production-confirmation',
    }, 'mes-plant-support-page')).toBe('mes-plant-support-page');
  });

  it('opens a ticket for the same team when the severity is ticket', () => {
    const labels = { owner: 'mes-plant-support', severity: 'ticket', plant: 'cz-pls' };

    expect(routeOf(labels, 'mes-plant-support-ticket')).toBe('mes-plant-support-ticket');
  });

  it('sends an alert without a known owner to the unrouted receiver', () => {
    expect(routeOf({ owner: 'nobody', severity: 'page' }, UNROUTED)).toBe(UNROUTED);
  });

  const staticRoutes = new Set(
    committedAlerts()
      .filter((a) => a.labels.owner !== undefined)
      .map((a) => `${a.labels.owner} ${a.labels.severity}`),
  );

  it.each([...staticRoutes])('routes every generated alert of %s to its team receiver', (pair) => {
    const [owner = '', severity = ''] = pair.split(' ');

    const receiver = receiverName(owner, severity as 'page' | 'ticket');

    expect(routeOf({ owner, severity }, receiver)).toBe(receiver);
  });
});
