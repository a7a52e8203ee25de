import { describe, expect, it, vi } from 'vitest';
import { createSubscribers } from '../../src/core/connection/createSubscribers';
import type { SSEMessage } from '@kit/sse-react/core';

const message = (type: string): SSEMessage => ({ type, data: 'x', lastEventId: '', origin: '' });

describe('createSubscribers', () => {
  it('counts status and event subscribers, and reports a name before the add that brings it', () => {
    const calls: string[] = [];
    const subscribers = createSubscribers({
      onAdd: () => calls.push(`add:${subscribers.size}`),
      onRemove: () => calls.push(`remove:${subscribers.size}`),
      onNameAdded: (name) => calls.push(`name+:${name}`),
      onNameRemoved: (name) => calls.push(`name-:${name}`),
    });
    const offStatus = subscribers.subscribe(() => {});
    const offA1 = subscribers.on('a', () => {});
    const offA2 = subscribers.on('a', () => {});
    offA1();
    offA1(); // idempotent: a second call removes nothing
    offA2();
    offStatus();
    expect(calls).toEqual(['add:1', 'name+:a', 'add:2', 'add:3', 'remove:2', 'name-:a', 'remove:1', 'remove:0']);
    expect(subscribers.counts()).toEqual({ subscribers: {}, statusSubscribers: 0 });
  });

  it('delivers the same message object to every listener of its name, past a listener that throws', () => {
    const subscribers = createSubscribers({ onAdd: () => {}, onRemove: () => {} });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const seen: SSEMessage[] = [];
    const same = (m: SSEMessage) => seen.push(m);
    subscribers.on('a', same);
    subscribers.on('a', () => {
      throw new Error('listener bug');
    });
    subscribers.on('a', same); // the same function twice is two subscriptions
    subscribers.on('b', same);
    const sent = message('a');
    subscribers.deliver('a', sent);
    expect(seen).toEqual([sent, sent]);
    expect(seen[0]).toBe(sent);
    expect(errors).toHaveBeenCalledTimes(1);
    expect(subscribers.counts()).toEqual({ subscribers: { a: 3, b: 1 }, statusSubscribers: 0 });
  });
});
