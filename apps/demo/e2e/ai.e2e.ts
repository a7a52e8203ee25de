import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchBrowser, type Browser } from './support/browser';
import { screenshot } from './support/pages';
import { E2E_DEV_SERVER_ENV, startStack, waitFor, type Stack } from './support/stack';

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  // 80 ms per token: slow enough to watch the text grow, fast enough for a short test.
  stack = await startStack(inject('distDir'), { ...E2E_DEV_SERVER_ENV, CHAT_TOKEN_MS: '80' });
  browser = await launchBrowser(inject('chromiumPath'));
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const chatStreams = async () => (await stack.stats()).connections.chat;

it('streams the answer token by token; Stop shows only while streaming and ends the request', async () => {
  const { page, errors } = await browser.newPage();
  await page.goto(`${stack.demoUrl}/#/ai`);
  const answer = page.getByTestId('answer');
  const stop = page.getByTestId('stop');
  const ask = page.getByRole('button', { name: 'Ask' });
  // Nothing to stop before a question.
  await ask.waitFor();
  expect(await stop.count()).toBe(0);
  await ask.click();

  // Several distinct, growing lengths: the text arrives in steps, not at once.
  const lengths: number[] = [];
  await waitFor(
    'the answer to grow in 4 steps',
    async () => {
      const length = (await answer.textContent())?.length ?? 0;
      if (length > (lengths.at(-1) ?? 0)) lengths.push(length);
      return lengths.length >= 4 ? true : undefined;
    },
    10_000,
  );
  expect(await chatStreams()).toBe(1);

  // While streaming: Stop is there, sized to its label (not a full-width bar), and Ask is disabled.
  expect(await ask.isDisabled()).toBe(true);
  const [stopBox, answerBox] = await Promise.all([stop.boundingBox(), answer.boundingBox()]);
  expect(stopBox?.width ?? Infinity).toBeLessThan((answerBox?.width ?? 0) / 2);
  await stop.click();
  await page.locator('[data-testid="answer-state"][data-state="stopped"]').waitFor({ timeout: 2000 });
  // Stopped: Stop is gone, Ask is back and has the keyboard focus the vanished button held.
  await stop.waitFor({ state: 'detached', timeout: 2000 });
  expect(await ask.isEnabled()).toBe(true);
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Ask');
  const stoppedAt = (await answer.textContent()) ?? '';
  // The server saw the request close: its open chat streams drop to zero.
  await waitFor('the server to close the chat stream', async () => ((await chatStreams()) === 0 ? true : undefined), 5000);
  // Five token intervals later, not one more token.
  await page.waitForTimeout(400);
  expect(await answer.textContent()).toBe(stoppedAt);
  expect(stoppedAt).not.toContain('stop the moment you press cancel.');
  await screenshot(page, 'ai-stopped');

  // A full answer ends with `done`: the page closes the stream and does not re-POST.
  await ask.click();
  await stop.waitFor({ timeout: 2000 });
  await page.locator('[data-testid="answer-state"][data-state="done"]').waitFor({ timeout: 15_000 });
  expect(await answer.textContent()).toContain('stop the moment you press cancel.');
  // Complete: no Stop at all (no disabled bar left on screen), and no disabled control anywhere in the example.
  await stop.waitFor({ state: 'detached', timeout: 2000 });
  expect(await page.locator('.ai button:disabled, .ai button[aria-disabled="true"]').count()).toBe(0);
  await waitFor('no chat stream left open', async () => ((await chatStreams()) === 0 ? true : undefined), 5000);
  await screenshot(page, 'ai');
  expect(errors).toEqual([]);
});
