// Golden traces: scripted scenarios through the fakes, recording every snapshot, every transport
// opened and closed, and every tab message, as JSON committed next to this file. A refactor of the
// connection or of tab sharing must leave them byte for byte unchanged (run with -u only when a
// behaviour change is meant, and say so in the commit).
import { afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { createConnection, preloadTabSharing, type Connection, type ConnectionSnapshot } from '@kit/sse-react/core';
import { fakeWorld, type FakeSource, type FakeWorld } from './connectionFakes';
import { fakeBrowser, type FakeBrowser } from './tabSharingFakes';

const START = Date.UTC(2026, 0, 1);
beforeAll(() => preloadTabSharing());
beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(START);
});
afterEach(() => {
  vi.useRealTimers();
});

type Entry = Record<string, unknown>;

function snapshotEntry(snapshot: ConnectionSnapshot): Entry {
  const { error, lastReset, ...rest } = snapshot;
  return {
    ...rest,
    error: error === null ? null : { kind: error.kind, status: error.status, retryAfterMs: error.retryAfterMs },
    lastReset: lastReset === null ? null : { reason: lastReset.reason, at: lastReset.at - START },
    nextRetryAt: snapshot.nextRetryAt === null ? null : snapshot.nextRetryAt - START,
  };
}

/** Records one connection's snapshots and the transports of `sources`, with the fake clock. */
function recorder(sources: () => readonly FakeSource[]) {
  const trace: Entry[] = [];
  const known = new Map<FakeSource, boolean>();
  const at = () => Date.now() - START;
  const scanTransports = () => {
    sources().forEach((source, index) => {
      if (!known.has(source)) {
        known.set(source, false);
        trace.push({ at: at(), transport: index, opened: source.kind, lastEventId: source.init.lastEventId ?? null });
      }
      if (source.closed && known.get(source) === false) {
        known.set(source, true);
        trace.push({ at: at(), transport: index, closed: true });
      }
    });
  };
  return {
    trace,
    watch(connection: Connection, label = 'connection') {
      connection.subscribe(() => {
        scanTransports();
        trace.push({ at: at(), [label]: snapshotEntry(connection.getSnapshot()) });
      });
    },
    step(name: string, action: () => void) {
      scanTransports();
      trace.push({ at: at(), step: name });
      action();
      scanTransports();
    },
  };
}

function connectionScenario(world: FakeWorld, options: Parameters<typeof createConnection>[1] = {}) {
  const connection = createConnection('http://test.local/golden', { ...options, environment: { ...world.environment, ...options.environment } });
  const record = recorder(() => world.transports.sources);
  record.watch(connection);
  return { connection, record, latest: () => world.transports.latest() };
}

const json = (trace: unknown) => `${JSON.stringify(trace, null, 1)}\n`;

it('503 with Retry-After, then offline while waiting, then back', async () => {
  const world = fakeWorld();
  const { connection, record, latest } = connectionScenario(world);
  record.step('subscribe', () => void connection.on('tick', () => {}));
  record.step('open + event', () => (latest().open(), latest().emit('tick', 'a', '1')));
  record.step('503 Retry-After 7 s', () => latest().failHttp(503, 7000));
  record.step('offline', () => world.online.set(false));
  record.step('7 s pass', () => vi.advanceTimersByTime(7000));
  record.step('online', () => world.online.set(true));
  record.step('open', () => latest().open());
  await expect(json(record.trace)).toMatchFileSnapshot('./golden/retry-after-offline.json');
});

it('two 401s in a row', async () => {
  const world = fakeWorld();
  const { connection, record, latest } = connectionScenario(world, { headers: () => ({ authorization: 'x' }) });
  record.step('subscribe', () => void connection.subscribe(() => {}));
  record.step('401', () => latest().failHttp(401));
  record.step('401 again', () => latest().failHttp(401));
  record.step('reconnect()', () => connection.reconnect());
  await expect(json(record.trace)).toMatchFileSnapshot('./golden/two-401s.json');
});

it('idle timeout, advertised heartbeat, reset, duplicates, connect timeout', async () => {
  const world = fakeWorld();
  const { connection, record, latest } = connectionScenario(world);
  record.step('subscribe', () => void connection.on('tick', () => {}));
  record.step('open, advert, events', () => {
    latest().open();
    latest().comment('sse:heartbeat=5000');
    latest().emit('tick', 'a', '1');
    latest().emit('tick', 'a', '1');
  });
  record.step('10 s of silence', () => vi.advanceTimersByTime(10_000));
  record.step('backoff passes', () => vi.advanceTimersByTime(1000));
  record.step('connect timeout', () => vi.advanceTimersByTime(10_000));
  record.step('backoff passes', () => vi.advanceTimersByTime(3000));
  record.step('open, reset, new history', () => {
    latest().open();
    latest().emitReset('foreign-epoch', 'e2.0', '1');
    latest().emit('tick', 'b', '1');
  });
  record.step('explicit idle', () => vi.advanceTimersByTime(60_000));
  await expect(json(record.trace)).toMatchFileSnapshot('./golden/liveness-reset.json');
});

it('close during closeDelay, resubscribe in time, then let it close', async () => {
  const world = fakeWorld();
  const { connection, record, latest } = connectionScenario(world, { closeDelay: 1000 });
  const offs: Array<() => void> = [];
  record.step('subscribe', () => void offs.push(connection.on('tick', () => {})));
  record.step('open', () => latest().open());
  record.step('unsubscribe', () => offs.pop()?.());
  record.step('500 ms', () => vi.advanceTimersByTime(500));
  record.step('resubscribe', () => void offs.push(connection.on('tick', () => {})));
  record.step('2 s', () => vi.advanceTimersByTime(2000));
  record.step('unsubscribe', () => offs.pop()?.());
  record.step('1 s', () => vi.advanceTimersByTime(1000));
  record.step('close()', () => connection.close());
  await expect(json(record.trace)).toMatchFileSnapshot('./golden/close-delay.json');
});

/** Tab ids are random: named t0, t1, … by first appearance, so the trace is deterministic. */
function normalizeTabMessages(browser: FakeBrowser): unknown[] {
  const names = new Map<string, string>();
  const name = (id: unknown) => {
    if (typeof id !== 'string') return id;
    if (!names.has(id)) names.set(id, `t${names.size}`);
    return names.get(id);
  };
  return browser.bus.log.map(({ tab, message }) => {
    const fields = { ...(message as Record<string, unknown>) };
    fields.from = name(fields.from);
    if (typeof fields.epoch === 'number') fields.epoch = fields.epoch - START;
    return { tab, ...fields };
  });
}

async function tabScenario(file: string, script: (browser: FakeBrowser, settle: () => Promise<void>) => Promise<void>) {
  const browser = fakeBrowser();
  const settle = async () => {
    await vi.advanceTimersByTimeAsync(5);
  };
  const record = recorder(() => browser.transports.sources);
  try {
    await script(browser, settle);
    browser.transports.sources.forEach((source, index) =>
      record.trace.push({ transport: index, tab: (source.init as { tab?: { index: number } }).tab?.index, lastEventId: source.init.lastEventId ?? null, closed: source.closed }),
    );
    for (const tab of browser.tabs) record.trace.push({ tab: tab.index, final: snapshotEntry(tab.connection.getSnapshot()), received: tab.received.map((m) => m.lastEventId) });
    await expect(json({ snapshots: record.trace, messages: normalizeTabMessages(browser) })).toMatchFileSnapshot(file);
  } finally {
    for (const tab of browser.tabs) tab.close();
  }
}

function listenAll(browser: FakeBrowser, count: number) {
  for (let i = 0; i < count; i++) {
    const tab = browser.openTab();
    tab.connection.subscribe(() => {});
    tab.connection.on('tick', (message) => tab.received.push(message));
  }
}

it('tabs: hand-over when the leader closes', async () => {
  await tabScenario('./golden/tabs-handover.json', async (browser, settle) => {
    listenAll(browser, 3);
    await settle();
    const first = browser.transports.sources[0];
    first?.open();
    first?.emit('tick', '1', '1');
    await settle();
    browser.tabs[0]?.close();
    await settle();
    const second = browser.transports.sources[1];
    second?.open();
    second?.emit('tick', '2', '2');
    await settle();
  });
});

it('tabs: a frozen leader is replaced, and follows when it thaws', async () => {
  await tabScenario('./golden/tabs-freeze.json', async (browser, settle) => {
    listenAll(browser, 2);
    await settle();
    browser.transports.sources[0]?.open();
    browser.transports.sources[0]?.emit('tick', '1', '1');
    await settle();
    browser.tabs[0]?.freeze();
    await vi.advanceTimersByTimeAsync(2000);
    browser.transports.sources[1]?.open();
    browser.transports.sources[1]?.emit('tick', '2', '2');
    await settle();
    browser.tabs[0]?.thaw();
    await settle();
  });
});
