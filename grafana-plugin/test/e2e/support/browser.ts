import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { type BrowserContext, chromium } from 'playwright-core';

export const CHROMIUM = process.env.SYNCGOV_CHROMIUM ?? '/usr/bin/chromium';

/** Why the browser test cannot run here, or undefined when it can. */
export function chromiumMissing(): string | undefined {
  return existsSync(CHROMIUM)
    ? undefined
    : `Chromium is not at ${CHROMIUM}: install it with "apt-get install -y chromium" ` +
        'or point SYNCGOV_CHROMIUM at a Chromium binary.';
}

/**
 * Headless Chromium from the system package, on a fresh profile; playwright
 * never downloads a browser. Playwright takes the profile as an argument
 * rather than as `--user-data-dir`.
 */
export async function launchChromium(): Promise<BrowserContext> {
  const profile = mkdtempSync(path.join(tmpdir(), 'syncgov-chromium-'));
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
