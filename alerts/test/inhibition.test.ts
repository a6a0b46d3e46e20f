import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertmanagerConfig } from '../src/alertmanager/routing.js';
import { exampleCatalog } from './support/files.js';
import { waitFor } from './support/ports.js';
import { startAlertmanager, type Server } from './support/processes.js';
import { findTool } from './support/tools.js';

interface AmAlert {
  labels: Record<string, string>;
  status: { state: string; inhibitedBy: string[] };
}

const binary = findTool('prometheus-alertmanager');

const flow = (itf: string, process: string, plant: string, extra: Record<string, string> = {}) => ({
  alertname: 'SyncgovInterfaceMessagesTooOld',
  interface: itf,
  process,
  plant,
  severity: 'page',
  owner: 'x',
  ...extra,
});

async function post(url: string, labels: Record<string, string>[]): Promise<void> {
  const body = labels.map((l) => ({ labels: l, annotations: { summary: 'test' } }));
  const response = await fetch(`${url}/api/v2/alerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
}

async function alerts(url: string): Promise<AmAlert[]> {
  return (await (await fetch(`${url}/api/v2/alerts`)).json()) as AmAlert[];
}

describe('inhibition in a real Alertmanager', () => {
  let am: Server;
  const dir = mkdtempSync(join(tmpdir(), 'syncgov-inhibit-'));

  beforeAll(async () => {
    const config = alertmanagerConfig(exampleCatalog(), {
      webhookBaseUrl: 'http://127.0.0.1:9/unused',
      timing: { groupWait: '1h', groupInterval: '1h', repeatInterval: '4h' },
    });
    writeFileSync(join(dir, 'alertmanager.yml'), stringify(config));
    am = await startAlertmanager(binary as string, join(dir, 'alertmanager.yml'));

    await post(am.url, [
      { alertname: 'SyncgovSystemOutage', system: 'erp', plant: 'us-clt', process: 'all', severity: 'page', owner: 'erp-support' },
      flow('mes-erp-consumption', 'material-consumption', 'us-clt'),
      flow('erp-wms-replenishment', 'replenishment', 'us-clt'),
      flow('mes-erp-consumption', 'material-consumption', 'de-stu'),
      flow('mes-erp-completion', 'production-confirmation', 'cz-pls'),
      flow('erp-wms-shipment', 'shipment-confirmation', 'cz-pls'),
      flow('erp-mes-production-order', 'production-order-release', 'mx-qro', { severity: 'ticket' }),
      flow('erp-mes-production-order', 'production-order-release', 'mx-qro', {
        alertname: 'SyncgovInterfaceBacklogGrowing', severity: 'ticket',
      }),
    ]);
    await waitFor('alerts to be received', async () => (await alerts(am.url)).length === 8, 10_000);
  });

  afterAll(async () => {
    await am?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const stateOf = async (match: Record<string, string>): Promise<string> => {
    const found = (await alerts(am.url)).filter((a) =>
      Object.entries(match).every(([k, v]) => a.labels[k] === v),
    );
    expect(found).toHaveLength(1);
    return found[0]?.status.state ?? 'missing';
  };

  it('an ERP outage holds back the flows into and behind ERP at the same plant', async () => {
    expect(await stateOf({ interface: 'mes-erp-consumption', plant: 'us-clt' })).toBe('suppressed');
    expect(await stateOf({ interface: 'erp-wms-replenishment', plant: 'us-clt' })).toBe('suppressed');
  });

  it('leaves the same flow at another plant and the outage itself active', async () => {
    expect(await stateOf({ interface: 'mes-erp-consumption', plant: 'de-stu' })).toBe('active');
    expect(await stateOf({ alertname: 'SyncgovSystemOutage' })).toBe('active');
  });

  it('a late completion stream holds back the shipment flow that needs it at that plant', async () => {
    expect(await stateOf({ interface: 'mes-erp-completion' })).toBe('active');
    expect(await stateOf({ interface: 'erp-wms-shipment' })).toBe('suppressed');
  });

  it('holds back a ticket only for the alert of the same name that pages', async () => {
    expect(await stateOf({
      interface: 'erp-mes-production-order', alertname: 'SyncgovInterfaceMessagesTooOld',
    })).toBe('active');
    expect(await stateOf({
      interface: 'erp-mes-production-order', alertname: 'SyncgovInterfaceBacklogGrowing',
    })).toBe('active');
  });
});
