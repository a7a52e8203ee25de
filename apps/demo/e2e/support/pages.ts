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
  const ticks = page.getByTestId('ticks');
  const [segments, gaps, duplicates, resets] = await Promise.all([
    ticks.getAttribute('data-segments'),
    ticks.getAttribute('data-gaps'),
    ticks.getAttribute('data-duplicates'),
    ticks.getAttribute('data-resets'),
  ]);
  return {
    segments: (segments ?? '').split('|').map((segment) => (segment === '' ? [] : segment.split(',').map(Number))),
    gaps: Number(gaps),
    duplicates: Number(duplicates),
    resets: Number(resets),
  };
}

/** True when `seqs` is n, n+1, n+2, … : no gap and no duplicate. */
export function isContiguous(seqs: readonly number[]): boolean {
  return seqs.every((seq, index) => index === 0 || seq === (seqs[index - 1] ?? Number.NaN) + 1);
}
