// Screenshots of every page at 1440 and 390 px, light and dark, for a person to look at:
//   npx -y pnpm@10.34.8 --filter @kit/demo screenshots [page-name …]
// Builds the demo, starts the dev server and a `vite preview` on free loopback ports, and writes
// e2e-output/screenshots/<page>-<width>-<theme>.png (gitignored). Console errors are listed at the end.
import { mkdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { launchBrowser } from '../e2e/support/browser';
import { findChromium } from '../e2e/support/chromium';
import { pageCases, unexpectedErrors } from '../e2e/support/pageCases';
import { outputDir } from '../e2e/support/pages';
import { E2E_DEV_SERVER_ENV, startStack } from '../e2e/support/stack';

const root = fileURLToPath(new URL('..', import.meta.url));
const distDir = `${outputDir}/screenshots-dist`;
const shotsDir = `${outputDir}/screenshots`;
const widths = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
];
const themes = ['light', 'dark'] as const;

/** Source panels highlight as they near the viewport: bring each into view, wait, then go back to the top. */
async function highlightVisibleSources(page: Page): Promise<void> {
  for (const panel of await page.locator('.source-code:visible').all()) {
    await panel.scrollIntoViewIfNeeded();
    await page.waitForFunction((element) => element?.getAttribute('data-highlight') !== 'plain', await panel.elementHandle(), { timeout: 10_000 });
  }
  await page.evaluate(() => window.scrollTo(0, 0));
}

const only = process.argv.slice(2);
const unknown = only.filter((name) => !pageCases.some((pageCase) => pageCase.name === name));
if (unknown.length > 0) {
  throw new Error(`[screenshots] Unknown page ${unknown.join(', ')}: choose from ${pageCases.map((pageCase) => pageCase.name).join(', ')}.`);
}
const cases = only.length === 0 ? pageCases : pageCases.filter((pageCase) => only.includes(pageCase.name));

await rm(distDir, { recursive: true, force: true });
await build({ root, logLevel: 'error', build: { outDir: distDir, emptyOutDir: true } });
await mkdir(shotsDir, { recursive: true });
// Fast chat tokens: the AI page is shown with a finished answer.
const stack = await startStack(distDir, { ...E2E_DEV_SERVER_ENV, CHAT_TOKEN_MS: '15' });
const browser = await launchBrowser(findChromium());
const problems: string[] = [];
try {
  for (const theme of themes) {
    for (const { width, height } of widths) {
      for (const pageCase of cases) {
        const { page, errors } = await browser.newPage({ width, height });
        await page.emulateMedia({ colorScheme: theme });
        await page.goto(`${stack.demoUrl}/${pageCase.hash}`);
        await pageCase.act?.(page);
        await page.locator(pageCase.ready).first().waitFor({ timeout: 15_000 });
        await highlightVisibleSources(page).catch((error: unknown) => problems.push(`${pageCase.name} ${width} ${theme}: ${String(error)}`));
        const path = `${shotsDir}/${pageCase.name}-${width}-${theme}.png`;
        await page.screenshot({ path, fullPage: pageCase.firstScreenOnly !== true });
        console.log(`[screenshots] ${path}`);
        for (const error of unexpectedErrors(pageCase, errors)) problems.push(`${pageCase.name} ${width} ${theme}: ${error}`);
        await page.close();
      }
    }
  }
} finally {
  await browser.close();
  await stack.close();
}
if (problems.length > 0) {
  console.error(`[screenshots] ${problems.length} problem(s):\n${problems.join('\n')}`);
  process.exitCode = 1;
}
