import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { type BrowserContext, type Page } from 'playwright-core';

import { pluginRoot } from '../../support/paths';

export const SCREENSHOTS = path.join(pluginRoot, 'test-results', 'screenshots');

export type Theme = 'dark' | 'light';

/** Which harness user the next page loads act as (Grafana's session cookie). */
export async function actAs(context: BrowserContext, baseUrl: string, user: string): Promise<void> {
  await context.addCookies([{ name: 'harness_user', value: user, url: baseUrl }]);
}

/** Opens a harness URL and waits until the plugin modules are mounted. */
export async function open(
  page: Page,
  baseUrl: string,
  url: string,
  theme: Theme = 'dark'
): Promise<void> {
  const joiner = url.includes('?') ? '&' : '?';
  await page.goto(`${baseUrl}${url}${joiner}theme=${theme}`);
  await page.waitForFunction(() => document.body.dataset.harness !== undefined);
  const state = await page.evaluate(() => document.body.dataset.harness);
  if (state !== 'ready') {
    throw new Error(
      `harness did not start: ${await page.evaluate(() => document.body.textContent)}`
    );
  }
}

/** Saves what a person sees once drawers and modals have finished sliding in. */
export async function shoot(page: Page, name: string, theme: Theme): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({
    path: path.join(SCREENSHOTS, `${name}-${theme}.png`),
    fullPage: false,
    animations: 'disabled',
  });
}

export const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);
