import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXAMPLE_CATALOG } from '../../src/config/defaults.js';
import { lifecycleEvent } from '../support/events.js';
import { MAIN, spawnCollector, type CollectorProcess } from '../support/collector-process.js';
import { sample } from '../support/collector-harness.js';

const ADMIN = { authorization: 'Bearer demo-admin' };

describe('the collector process', () => {
  let dir: string;
  let catalog: string;
  let running: CollectorProcess | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'syncgov-ops-'));
    catalog = join(dir, 'catalog.yaml');
    copyFileSync(EXAMPLE_CATALOG, catalog);
  });

  afterEach(async () => {
    await running?.stop('SIGKILL');
    running = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  const start = async () => {
    running = await spawnCollector({ SYNCGOV_DATA_DIR: dir, SYNCGOV_CATALOG: catalog });
    return running;
  };

  it('logs where its metrics and API are, and answers health and readiness', async () => {
    const { url, logs } = await start();

    expect(logs.find((l) => l.msg === 'collector listening')).toMatchObject({
      url, metrics: `${url}/metrics`, api: `${url}/v1`, store: 'sqlite', dataDir: dir,
    });
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${url}/readyz`)).json()).toEqual({ status: 'ready' });
  });

  it('keeps the last good catalog when a reload fails, by route and by signal', async () => {
    const { url, child } = await start();
    writeFileSync(catalog, 'version: 2\n');

    const response = await fetch(`${url}/v1/admin/catalog/reload`,
      { method: 'POST', headers: ADMIN });
    expect(response.status).toBe(422);
    const body = await response.json() as { code: string; problems: { path: string }[] };
    expect(body.code).toBe('SYNCGOV_CATALOG_INVALID');
    expect(body.problems.map((p) => p.path)).toContain('/version');

    child.kill('SIGHUP');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const info = await (await fetch(`${url}/v1/info`, { headers: ADMIN })).json() as { catalog: { interfaces: number } };
    expect(info.catalog.interfaces).toBe(8);
    const text = await (await fetch(`${url}/metrics`)).text();
    expect(sample(text, 'syncgov_catalog_reloads_total{result="failure"}')).toBe(2);
  });

  it('stops on SIGTERM with everything it accepted kept', async () => {
    const first = await start();
    const events = [lifecycleEvent({ stage: 'failed', payload: { qty: 1 } })];
    const posted = await fetch(`${first.url}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer demo-ingest' },
      body: JSON.stringify({ events }),
    });
    expect(posted.status).toBe(202);

    expect(await first.stop('SIGTERM')).toBe(0);
    expect(first.logs.map((l) => l.msg)).toContain('collector stopped');

    const second = await start();
    const text = await (await fetch(`${second.url}/metrics`)).text();
    expect(text).toMatch(/syncgov_exceptions_open\{plant="cz-pls",.*\} 1/);
  });

  it('stops within its grace when a client never finishes its request', async () => {
    running = await spawnCollector({ SYNCGOV_DATA_DIR: dir, SYNCGOV_CATALOG: catalog,
      SYNCGOV_SHUTDOWN_GRACE_MS: '300' });
    const { port } = new URL(running.url);
    const stalled = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => stalled.once('connect', resolve));
    const cut = new Promise((resolve) => stalled.once('close', resolve));
    stalled.on('error', () => undefined);
    // Announces 1000 bytes of body and sends ten: the request stays open.
    stalled.write('POST /v1/events HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n'
      + 'authorization: Bearer demo-ingest\r\ncontent-length: 1000\r\n\r\n{"events":');
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(await running.stop('SIGTERM')).toBe(0);
    await cut;
    expect(running.logs.map((l) => l.msg)).toContain('collector stopped');
  });

  it('refuses to start on an invalid catalog and says why', () => {
    writeFileSync(catalog, 'version: 1\nplants: []\n');
    const result = spawnSync(process.execPath, [MAIN], {
      env: { ...process.env, SYNCGOV_CATALOG: catalog, SYNCGOV_DATA_DIR: dir },
      encoding: 'utf8',
    });

    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`syncgov-collector cannot start: catalog ${catalog} has`);
    expect(result.stderr).toContain('/plants (line 2): got [], expected at least 1 item(s)');
  });
});
