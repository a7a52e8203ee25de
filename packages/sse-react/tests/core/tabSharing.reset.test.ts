import { expect, it } from 'vitest';
import type { SSEReset } from '@kit/sse-react/core';
import { openSources, settle, installFakeBrowser, type FakeBrowser, type FakeTab } from './tabSharingFakes';

let browser: FakeBrowser;
installFakeBrowser((created) => (browser = created));


it('a reset on the leader reaches every tab: reset listeners, snapshot counts, and the new history is delivered in full', async () => {
  const tabs = [browser.openTab(), browser.openTab()] as const;
  const resets = new Map<FakeTab, SSEReset[]>();
  for (const tab of tabs) {
    tab.connection.subscribe(() => {});
    tab.connection.on('tick', (message) => tab.received.push(message));
    resets.set(tab, []);
    tab.connection.onReset((reset) => resets.get(tab)?.push(reset));
  }
  await settle();
  const source = openSources(browser)[0];
  if (source === undefined) throw new Error('no leader transport');
  source.open();
  source.emit('tick', 'old-1', '1');
  source.emit('tick', 'old-2', '2');
  // A restarted server: the reset, then ids that the old history used too.
  source.emitReset('foreign-epoch', 'e2.0', '2');
  source.emit('tick', 'new-1', '1');
  source.emit('tick', 'new-2', '2');
  source.comment('sse:heartbeat=15000');
  await settle();
  for (const tab of tabs) {
    expect(tab.received.map((message) => message.data)).toEqual(['old-1', 'old-2', 'new-1', 'new-2']);
    expect(resets.get(tab)?.map((reset) => reset.reason)).toEqual(['foreign-epoch']);
    expect(tab.connection.getSnapshot()).toMatchObject({ resets: 1, lastEventId: '2', droppedDuplicates: 0, heartbeatMs: 15000 });
  }
});
