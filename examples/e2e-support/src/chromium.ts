import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run'];

export interface TrackedPage {
  page: Page;
  /** Console errors and uncaught exceptions, so a test can assert there were none. */
  errors: string[];
}

export interface Chromium {
  newPage(): Promise<TrackedPage>;
  close(): Promise<void>;
}

/** Debian's Chromium through playwright-core (which ships no browser), fresh context per page. */
export async function launchChromium(): Promise<Chromium> {
  const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
    (path): path is string => typeof path === 'string' && path !== '' && existsSync(path),
  );
  if (!executablePath) {
    throw new Error('[examples e2e] No Chromium found: install it (apt-get install -y chromium) or set CHROMIUM_PATH.');
  }
  const browser: Browser = await chromium.launch({ executablePath, headless: true, args: ARGS });
  return {
    async newPage() {
      const context = await browser.newContext();
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`console.error: ${message.text()} (${message.location().url})`);
      });
      page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
      return { page, errors };
    },
    close: () => browser.close(),
  };
}
