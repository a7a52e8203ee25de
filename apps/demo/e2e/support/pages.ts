import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

export const outputDir = fileURLToPath(new URL('../../e2e-output', import.meta.url));

export async function screenshot(page: Page, name: string, { fullPage = true } = {}): Promise<string> {
  await mkdir(outputDir, { recursive: true });
  const path = `${outputDir}/${name}.png`;
  await page.screenshot({ path, fullPage });
  return path;
}

/** Reads the Resilience lab's tick ledger from its data attributes. */
export async function readTicks(page: Page) {
  const attributes = await page.getByTestId('ticks').evaluate((element) => ({ ...element.dataset }));
  const numbers = (raw: string | undefined) => (raw ? raw.split(',').map(Number) : []);
  return {
    segments: (attributes.segments ?? '').split('|').map(numbers),
    /** The counter refetched after each reset. */
    refetched: numbers(attributes.refetched),
    gaps: Number(attributes.gaps),
    duplicates: Number(attributes.duplicates),
    /** Ticks after a reset that the refetched counter already covered. */
    covered: Number(attributes.covered),
    resets: Number(attributes.resets),
    /** True while a reset's refetch is pending. */
    holding: attributes.holding === 'true',
    lastReset: attributes.lastReset ?? '',
  };
}

/** True when `seqs` is n, n+1, n+2, … : no gap and no duplicate. */
export function isContiguous(seqs: readonly number[]): boolean {
  return seqs.every((seq, index) => index === 0 || seq === (seqs[index - 1] ?? Number.NaN) + 1);
}
