import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort, launchChromium, startProcess, waitFor, type Chromium, type Page, type StartedProcess } from '@kit/examples-e2e';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsx = fileURLToPath(new URL('../node_modules/tsx/dist/cli.mjs', import.meta.url));
let port: number;
let server: StartedProcess | null = null;
let chromium: Chromium;
const base = () => `http://127.0.0.1:${port}`;

// STEP_EVERY_MS=0: orders change only when the test presses Advance, so every value is known.
const startServer = () =>
  startProcess(process.execPath, [tsx, 'server/main.ts'], {
    cwd: root,
    env: { PORT: String(port), STEP_EVERY_MS: '0', HEARTBEAT_MS: '1000' },
    readyUrl: `${base()}/api/health`,
  });

interface Shown {
  row: { status: string | null; version: string | null };
  detail: { id: string | null; status: string | null; version: string | null };
}

/** The selected order as the list row and the detail view show it, read in one go. */
function shown(page: Page, id: string): Promise<Shown> {
  return page.evaluate((orderId) => {
    const row = document.querySelector(`[data-testid="row-${orderId}"]`);
    const detail = document.querySelector('[data-testid="detail"]');
    return {
      row: { status: row?.getAttribute('data-status') ?? null, version: row?.getAttribute('data-version') ?? null },
      detail: { id: detail?.getAttribute('data-id') ?? null, status: detail?.getAttribute('data-status') ?? null, version: detail?.getAttribute('data-version') ?? null },
    };
  }, id);
}

const serverOrder = async (id: string) => (await (await fetch(`${base()}/api/orders/${id}`)).json()) as { status: string; version: number };

async function expectConsistent(page: Page, id: string, version: number): Promise<void> {
  // The click that wrote it resolves before its POST is answered: wait for the server to have it.
  let truth = await serverOrder(id);
  await waitFor(`the server to hold version ${version} of ${id}`, async () => {
    truth = await serverOrder(id);
    return truth.version === version ? true : undefined;
  });
  expect(truth.version).toBe(version);
  await page.waitForFunction(
    ([orderId, v]) => document.querySelector(`[data-testid="row-${orderId}"]`)?.getAttribute('data-version') === v && document.querySelector('[data-testid="detail"]')?.getAttribute('data-version') === v,
    [id, String(version)] as const,
  );
  expect(await shown(page, id)).toEqual({
    row: { status: truth.status, version: String(version) },
    detail: { id, status: truth.status, version: String(version) },
  });
}

beforeAll(async () => {
  if (!existsSync(`${root}dist/index.html`)) throw new Error('[example-tanstack-query e2e] No client build: run `vite build` first (turbo does).');
  port = await freePort();
  server = await startServer();
  chromium = await launchChromium();
});

afterAll(async () => {
  await chromium?.close();
  await server?.stop();
});

describe('examples/tanstack-query: SSE events in the query cache', () => {
  it('patches list and detail from events (no refetch), refetches both after a server restart, then patches again', async () => {
    const { page, errors } = await chromium.newPage();
    const fetches: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith('/api/orders')) fetches.push(`${request.method()} ${path}`);
    });
    await page.goto(base());
    await page.getByText('Live').waitFor();
    await expectConsistent(page, 'o-1', 1);

    // Writes come back as events: the cache is patched in place.
    const advance = page.getByRole('button', { name: 'Advance' });
    await advance.click();
    await expectConsistent(page, 'o-1', 2);
    await advance.click();
    await expectConsistent(page, 'o-1', 3);
    expect(fetches.filter((f) => f.startsWith('GET'))).toEqual(['GET /api/orders', 'GET /api/orders/o-1']);
    expect(errors).toEqual([]);

    // A restart: the new process has other orders and another id epoch. While it is down the page says so.
    await server?.stop('SIGKILL');
    server = null;
    await page.getByTestId('stream-health').waitFor({ timeout: 15_000 });
    server = await startServer();
    // The browser resumes with an id of the old epoch: the server answers with a reset, and the
    // reset listener invalidates every order query.
    const resyncs = page.getByTestId('resyncs');
    await resyncs.waitFor({ timeout: 20_000 });
    expect(await resyncs.textContent()).toBe('Refetched after 1 reset (last: foreign-epoch).');
    await expectConsistent(page, 'o-1', 1);
    const list = (await (await fetch(`${base()}/api/orders`)).json()) as { id: string; version: number; status: string }[];
    await waitFor('every row as the new server has it', async () => {
      const rows = await page.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => `${tr.getAttribute('data-testid')}:${tr.getAttribute('data-status')}:${tr.getAttribute('data-version')}`));
      return rows.join() === list.map((order) => `row-${order.id}:${order.status}:${order.version}`).join() ? true : undefined;
    });

    // And live again: the next write is patched in, list and detail together.
    await page.getByText('Live').waitFor();
    await advance.click();
    await expectConsistent(page, 'o-1', 2);
    await page.context().close();
  });
});
