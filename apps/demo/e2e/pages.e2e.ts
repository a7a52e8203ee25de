import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, type Browser } from './support/browser';
import { pageCases, unexpectedErrors } from './support/pageCases';
import { screenshot } from './support/pages';
import { E2E_DEV_SERVER_ENV, startStack, type Stack } from './support/stack';

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  // Fast chat tokens: this file checks that every page renders, not how an answer streams.
  stack = await startStack(inject('distDir'), { ...E2E_DEV_SERVER_ENV, CHAT_TOKEN_MS: '15' });
  browser = await launchBrowser(inject('chromiumPath'));
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const widths = [
  { label: 'wide', width: 1440, height: 900 },
  { label: '360', width: 360, height: 780 },
];

describe.each(widths)('every page at $label px', ({ label, width, height }) => {
  it.each(pageCases)('$name: renders live data, fits the width, logs no error', async (pageCase) => {
    const { name, hash, ready, act } = pageCase;
    const { page, errors } = await browser.newPage({ width, height });
    await page.goto(`${stack.demoUrl}/${hash}`);
    await act?.(page);
    await page.locator(ready).first().waitFor({ timeout: 15_000 });
    // Nothing wider than the viewport: the page scrolls vertically only.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, `${name}-${label}`, { fullPage: pageCase.firstScreenOnly !== true });
    expect(unexpectedErrors(pageCase, errors)).toEqual([]);
    await page.close();
  });
});

/** Where each nav link sits on the first screen, and whether a tap at its centre would hit it. */
async function navLinkPlacement(page: Page) {
  return page.evaluate(() => {
    const nav = document.querySelector('nav[aria-label="Examples"]');
    if (!nav) throw new Error('no Examples navigation');
    return {
      scrollsSideways: nav.scrollWidth > nav.clientWidth || (nav.querySelector('ul')?.scrollWidth ?? 0) > nav.clientWidth,
      links: [...nav.querySelectorAll('a')].map((link) => {
        const box = link.getBoundingClientRect();
        const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        return {
          text: link.textContent ?? '',
          current: link.getAttribute('aria-current') === 'page',
          onScreen: box.left >= 0 && box.right <= window.innerWidth && box.top >= 0 && box.bottom <= window.innerHeight,
          tappable: hit !== null && link.contains(hit),
          height: box.height,
        };
      }),
    };
  });
}

describe.each([390, 360])('navigation at %i px', (width) => {
  it('shows every page link on the first screen, the current one marked, each one tap away', async () => {
    const { page, errors } = await browser.newPage({ width, height: 800 });
    // Start from every page in turn: the current link must be on screen wherever you are.
    for (const pageCase of pageCases) {
      await page.goto(`${stack.demoUrl}/${pageCase.hash}`);
      await page.locator('nav[aria-label="Examples"] a[aria-current="page"]').waitFor();
      const { scrollsSideways, links } = await navLinkPlacement(page);
      expect(scrollsSideways, `${pageCase.name}: the nav scrolls sideways`).toBe(false);
      expect(links.length).toBeGreaterThanOrEqual(pageCases.length);
      const misplaced = links.filter((link) => !link.onScreen || !link.tappable).map((link) => link.text);
      expect(misplaced, `${pageCase.name}: links off screen or covered`).toEqual([]);
      expect(links.filter((link) => link.current).length, `${pageCase.name}: one current link`).toBe(1);
      // WCAG 2.5.8: targets at least 24 px tall.
      expect(Math.min(...links.map((link) => link.height))).toBeGreaterThanOrEqual(24);
    }
    // One tap each: every link, clicked from the page before it, lands on its page.
    const nav = page.getByRole('navigation', { name: 'Examples' });
    for (const link of await nav.getByRole('link').all()) {
      const href = (await link.getAttribute('href')) ?? '';
      await link.click();
      await page.waitForFunction((expected) => window.location.hash === expected, href);
      expect(await nav.locator('a[aria-current="page"]').getAttribute('href')).toBe(href);
    }
    const unexpected = errors.filter((error) => !pageCases.some((pageCase) => pageCase.allowedErrors?.test(error)));
    expect(unexpected).toEqual([]);
    await page.close();
  });
});

it('highlights the source panels in a lazily started worker, text unchanged, main bundle free of the highlighter', async () => {
  const { page, errors } = await browser.newPage({ width: 1440, height: 900 });
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  await page.goto(`${stack.demoUrl}/#/ai`);
  const panel = page.locator('.source-code').first();
  await panel.waitFor();
  const plain = await panel.textContent();
  expect(plain).toContain("from '@kit/sse-react'");
  await page.locator('.source-code[data-highlight="done"]').first().waitFor({ timeout: 10_000 });
  // The very same file text, now in coloured runs carrying both themes' colours.
  expect(await panel.textContent()).toBe(plain);
  const colours = await panel.evaluate((pre) => {
    const spans = [...pre.querySelectorAll('span')];
    return { spans: spans.length, distinct: new Set(spans.map((span) => getComputedStyle(span).color)).size };
  });
  expect(colours.spans).toBeGreaterThan(100);
  expect(colours.distinct).toBeGreaterThanOrEqual(5);
  expect(workers.some((url) => /highlight\.worker-[\w-]+\.js$/.test(url)), workers.join()).toBe(true);

  // The pages' own bundle carries no grammar: shiki's TSX grammar (scope `source.tsx`) is only in the worker.
  const assets = join(inject('distDir'), 'assets');
  const scripts = (await readdir(assets)).filter((name) => name.endsWith('.js'));
  const withGrammar = [];
  for (const name of scripts) if ((await readFile(join(assets, name), 'utf8')).includes('"source.tsx"')) withGrammar.push(name);
  expect(withGrammar.length).toBe(1);
  expect(withGrammar[0]).toMatch(/^highlight\.worker-/);
  expect(errors).toEqual([]);
  await page.close();
});

it('is keyboard navigable: skip link first, then real links that navigate', async () => {
  const { page, errors } = await browser.newPage();
  await page.goto(`${stack.demoUrl}/#/`);
  // React renders after the load event: wait for the app before pressing keys.
  await page.getByRole('navigation', { name: 'Examples' }).waitFor();
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
  for (let presses = 0; presses < 12; presses++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.textContent)) === 'Logs') break;
  }
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Logs');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.location.hash === '#/logs');
  expect(await page.locator('nav a[aria-current="page"]').textContent()).toBe('Logs');
  expect(errors).toEqual([]);
});

it('follows prefers-color-scheme, and the toggle switches and remembers the theme', async () => {
  const { page, errors } = await browser.newPage();
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(`${stack.demoUrl}/#/`);
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  await page.locator('[data-testid="kpi-rps"]:not([data-value=""])').waitFor({ timeout: 5000 });
  await page.locator('[data-testid="connection-count"][data-count="1"]').waitFor({ timeout: 5000 });
  await screenshot(page, 'overview-dark');

  await page.getByRole('button', { name: 'Switch to light theme' }).click();
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
  await page.reload();
  // The user's choice beats the system preference after a reload.
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
  expect(errors).toEqual([]);
});
