// @vitest-environment node
import { type BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { testIds } from '../../src/components/testIds';
import { type ExceptionSummary } from '../../src/api/types';
import { launchChromium } from './support/browser';
import { buildPlugin } from './support/buildPlugin';
import { TOKENS } from './support/collectorConfig';
import { replayable, waitFor } from './support/collectorApi';
import { actAs, byTestId, open, SCREENSHOTS, shoot, type Theme } from './support/pages';
import { missingRequirements } from './support/requirements';
import { type Stack, startStack } from './stack';

const missing = missingRequirements();

const APP = '/a/syncgov-governance-app';

describe(
  'governed replay in a browser',
  { timeout: 180_000 },
  () => {
    let stack: Stack;
    let context: BrowserContext;
    let first: ExceptionSummary;
    let second: ExceptionSummary;

    beforeAll(async () => {
      if (missing.length > 0) {
        throw new Error(`the browser test cannot run:\n${missing.join('\n')}`);
      }
      buildPlugin();
      stack = await startStack();
      context = await launchChromium();
      try {
        [first, second] = (await replayable(stack.collector.url, 2)) as [
          ExceptionSummary,
          ExceptionSummary,
        ];
      } catch (error) {
        throw new Error(
          `${String(error)}\ncollector log:\n${stack.collector.log.slice(-20).join('\n')}`
        );
      }
    }, 240_000);

    afterEach(async (test) => {
      if (test.task.result?.state === 'fail' && context) {
        for (const [index, page] of context.pages().entries()) {
          await page.screenshot({
            path: `${SCREENSHOTS}/../failures/${test.task.name}-${index}.png`,
          });
        }
      }
      for (const page of context?.pages() ?? []) {
        await page.close();
      }
    });

    afterAll(async () => {
      await context?.close();
      await stack?.stop();
    });

    it('drills from the overview into a plant and replays one exception exactly once', async () => {
      await actAs(context, stack.harnessUrl, 'operator');
      const page = await context.newPage();
      await open(page, stack.harnessUrl, `${APP}/overview`);
      await byTestId(page, testIds.matrix.cell(first.plant, first.process)).waitFor();
      expect(
        await page
          .locator('[data-testid^="syncgov-matrix-cell-"][data-severity="critical"]')
          .count()
      ).toBeGreaterThan(0);

      await byTestId(page, testIds.matrix.plant(first.plant)).click();
      await page.waitForURL(`**${APP}/exceptions?plant=${first.plant}*`);
      const key = `${first.businessKey.type}:${first.businessKey.value}`;
      await byTestId(page, testIds.exceptions.keySearch).fill(key);
      await byTestId(page, testIds.exceptions.keySearch).press('Enter');
      const replay = byTestId(page, testIds.exceptions.rowReplay(first.id));
      await replay.waitFor();

      const racing = await context.newPage();
      await open(racing, stack.harnessUrl, `${APP}/exceptions/${first.id}`);
      await byTestId(racing, testIds.drawer.action('replay')).click();
      const racingConfirm = byTestId(racing, testIds.replayConfirm.confirm);
      await expect.poll(() => racingConfirm.isEnabled()).toBe(true);

      await replay.click();
      await expect
        .poll(() => byTestId(page, testIds.replayConfirm.policy).textContent())
        .toContain('Replay allowed');
      await byTestId(page, testIds.replayConfirm.confirm).dblclick();
      const outcome = byTestId(page, testIds.replayConfirm.outcome);
      await expect
        .poll(() => outcome.getAttribute('data-status'), { timeout: 15_000 })
        .toBe('sent');
      await waitFor('the delivery at the target', async () =>
        stack.target.deliveriesFor(first.id).length > 0 ? true : undefined
      );

      await racingConfirm.click();
      await expect
        .poll(() => racing.getByText('Replay refused').count(), { timeout: 10_000 })
        .toBe(1);
      await page.reload();
      await page.waitForTimeout(2000);

      const deliveries = stack.target.deliveriesFor(first.id);
      expect(deliveries).toHaveLength(1);
      expect(deliveries[0]?.idempotencyKey).toBeTruthy();
      expect(deliveries[0]?.path).toBe(`/${first.interface}`);
    });

    it('keeps a Grafana viewer from replaying, in the page and at the proxy', async () => {
      await actAs(context, stack.harnessUrl, 'viewer');
      const page = await context.newPage();
      await open(page, stack.harnessUrl, `${APP}/exceptions/${second.id}`);
      await expect
        .poll(() => byTestId(page, testIds.drawer.action('replay')).isDisabled())
        .toBe(true);
      await expect
        .poll(() => byTestId(page, testIds.drawer.actionReason('replay')).textContent())
        .toContain('syncgov-governance-app.replays:create');

      const path = `/api/plugin-proxy/syncgov-governance-app/actions/replay/${second.id}/actions/replay`;
      const answer = await page.evaluate(async (url) => {
        const response = await fetch(url, {
          method: 'POST',
          body: '{}',
          headers: { 'content-type': 'application/json' },
        });
        return { status: response.status, body: await response.text() };
      }, path);
      expect(answer).toEqual({
        status: 403,
        body: '{"message":"plugin proxy route access denied"}',
      });
      const refused = stack.harness.proxied.filter(
        (entry) => entry.user === 'viewer' && entry.method === 'POST'
      );
      expect(refused.map((entry) => entry.forwardedTo)).toEqual([null]);
      expect(stack.target.deliveriesFor(second.id)).toHaveLength(0);
    });

    it('shows the collector refusing a viewer token even when Grafana lets the user through', async () => {
      stack.harness.useToken(TOKENS.viewer);
      try {
        await actAs(context, stack.harnessUrl, 'operator');
        const page = await context.newPage();
        await open(page, stack.harnessUrl, `${APP}/exceptions/${second.id}`);
        await expect
          .poll(() => byTestId(page, testIds.drawer.action('replay')).isDisabled())
          .toBe(true);
        await expect
          .poll(() => byTestId(page, testIds.drawer.actionReason('replay')).textContent())
          .toMatch(/^Replay: .+/);

        const path = `/api/plugin-proxy/syncgov-governance-app/actions/replay/${second.id}/actions/replay`;
        const answer = await page.evaluate(async (url) => {
          const body = JSON.stringify({ requestId: 'forced-by-test' });
          const response = await fetch(url, {
            method: 'POST',
            body,
            headers: { 'content-type': 'application/json' },
          });
          return { status: response.status, body: (await response.json()) as { code?: string } };
        }, path);
        expect(answer.status).toBe(403);
        expect(answer.body.code).toBe('SYNCGOV_AUTH_ROLE_FORBIDDEN');
        expect(stack.target.deliveriesFor(second.id)).toHaveLength(0);
      } finally {
        stack.harness.useToken(TOKENS.operator);
      }
    });

    it.each<Theme>(['dark', 'light'])(
      'saves a screenshot of every page in the %s theme',
      async (theme) => {
        await actAs(context, stack.harnessUrl, 'approver');
        const page = await context.newPage();
        await page.setViewportSize({ width: 1920, height: 1080 });
        await open(page, stack.harnessUrl, `${APP}/overview?kiosk`, theme);
        await byTestId(page, testIds.matrix.table).waitFor();
        await shoot(page, 'overview-kiosk', theme);

        await page.setViewportSize({ width: 1440, height: 900 });
        await open(page, stack.harnessUrl, `${APP}/overview`, theme);
        await byTestId(page, testIds.matrix.table).waitFor();
        await shoot(page, 'overview', theme);

        await open(page, stack.harnessUrl, `${APP}/exceptions?plant=${second.plant}`, theme);
        await byTestId(page, testIds.exceptions.table).waitFor();
        await shoot(page, 'exceptions', theme);

        await open(page, stack.harnessUrl, `${APP}/exceptions/${second.id}`, theme);
        await byTestId(page, testIds.drawer.action('replay')).waitFor();
        await shoot(page, 'exception-drawer', theme);
        await page.getByRole('tab', { name: 'Timeline' }).click();
        await shoot(page, 'exception-timeline', theme);

        await byTestId(page, testIds.drawer.action('replay')).click();
        await byTestId(page, testIds.replayConfirm.policy).waitFor();
        await shoot(page, 'replay-confirm', theme);

        await open(
          page,
          stack.harnessUrl,
          `${APP}/exceptions?plant=${second.plant}&class=mapping`,
          theme
        );
        await byTestId(page, testIds.exceptions.bulkReplay).click();
        await byTestId(page, testIds.bulk.plan).waitFor();
        await shoot(page, 'bulk-replay-plan', theme);

        await open(page, stack.harnessUrl, `${APP}/catalog`, theme);
        await byTestId(page, testIds.catalog.page).locator('table').waitFor();
        await shoot(page, 'catalog', theme);

        await open(page, stack.harnessUrl, '/plugins/syncgov-governance-app', theme);
        await byTestId(page, testIds.appConfig.save).click();
        await expect
          .poll(() => byTestId(page, testIds.appConfig.result).getAttribute('data-state'))
          .toBe('ok');
        expect(await byTestId(page, testIds.appConfig.result).textContent()).toContain(
          'Connected to syncgov-collector'
        );
        await shoot(page, 'configuration', theme);

        await open(page, stack.harnessUrl, '/d/syncgov-panels', theme);
        await byTestId(page, testIds.panel.matrix).locator('table').waitFor();
        await byTestId(page, testIds.exceptions.table).waitFor();
        await shoot(page, 'panels', theme);
      }
    );
  }
);
