import type { Page } from 'playwright-core';

/** One demo page as the browser tests and the screenshot script visit it. */
export interface PageCase {
  name: string;
  hash: string;
  /** A selector that means "the example is live". */
  ready: string;
  /** What to do after loading so the page shows its example working (start a deploy, ask a question). */
  act?: (page: Page) => Promise<void>;
  /** Console errors this page causes on purpose (the Auth page's expired-token 401), with why in a comment. */
  allowedErrors?: RegExp;
  /** Screenshot the first screen only (the API docs page is the whole README). */
  firstScreenOnly?: boolean;
}

/** Every page of the demo, in navigation order. */
export const pageCases: readonly PageCase[] = [
  {
    name: 'overview',
    hash: '#/',
    ready: '[data-testid="connection-count"][data-count="1"]',
    act: async (page) => page.locator('[data-testid="kpi-rps"]:not([data-value=""])').waitFor({ timeout: 5000 }),
  },
  { name: 'alerts', hash: '#/alerts', ready: '.sse-status[data-status="open"]' },
  { name: 'logs', hash: '#/logs', ready: '[data-testid="log-count"]:not([data-count="0"])' },
  {
    name: 'deploys',
    hash: '#/deploys',
    ready: '.deploys progress',
    act: async (page) => {
      await page.locator('.sse-status[data-status="open"]').waitFor({ timeout: 5000 });
      await page.getByRole('button', { name: 'Start deploy' }).click();
    },
  },
  {
    name: 'ai',
    hash: '#/ai',
    ready: '[data-testid="answer-state"][data-state="done"]',
    act: async (page) => page.getByRole('button', { name: 'Ask' }).click(),
  },
  {
    name: 'auth',
    hash: '#/auth',
    ready: '[data-testid="secure-tick"]:not([data-seq=""])',
    // The expired token's 401 is the feature this page shows; Chromium logs every failed load.
    allowedErrors: /status of 401 \(Unauthorized\).*\/api\/secure\/stream/,
  },
  { name: 'resilience', hash: '#/resilience', ready: '[data-testid="ticks"]:not([data-segments=""])' },
  { name: 'diagnostics', hash: '#/diagnostics', ready: '[data-testid="diag-ttfb"]:not([data-verdict="waiting"])' },
  { name: 'typed', hash: '#/typed', ready: '[data-testid="busiest"]:not(:text("—"))' },
  { name: 'docs', hash: '#/docs/', ready: '.docs h1', firstScreenOnly: true },
];

/** The errors a page logged that it does not cause on purpose. */
export function unexpectedErrors(pageCase: PageCase, errors: readonly string[]): string[] {
  const allowed = pageCase.allowedErrors;
  return allowed === undefined ? [...errors] : errors.filter((error) => !allowed.test(error));
}
