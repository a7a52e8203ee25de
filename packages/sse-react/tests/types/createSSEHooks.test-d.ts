import { describe, expectTypeOf, it } from 'vitest';
import {
  createSSEHooks,
  useEventSource,
  useSSEBuffer,
  useSSEEvent,
  useSSEStatus,
  type ConnectionStatus,
  type EventSourceState,
  type SSEError,
  type SSEMessage,
} from '@kit/sse-react';
import { createMockConnection, type MockConnection } from '@kit/sse-react/testing';
import type { Connection } from '@kit/sse-react/core';

interface Metrics {
  cpu: number;
  memory: number;
}
interface Events {
  metrics: Metrics;
  log: { line: string };
}

const typed = createSSEHooks<Events>();

describe('createSSEHooks<EventMap>()', () => {
  it('types each event by its name', () => {
    expectTypeOf(typed.useSSEEvent('metrics')).toEqualTypeOf<Metrics | undefined>();
    expectTypeOf(typed.useSSEEvent('log')).toEqualTypeOf<{ line: string } | undefined>();
    expectTypeOf(typed.useSSEBuffer('log', { max: 10 })).toEqualTypeOf<readonly { line: string }[]>();
  });

  it('rejects unknown names', () => {
    // @ts-expect-error 'metric' is not an event of the map
    typed.useSSEEvent('metric');
    // @ts-expect-error 'nope' is not an event of the map
    typed.useSSEBuffer('nope', { max: 1 });
    // @ts-expect-error 'nope' is not an event of the map
    typed.SSEEvent({ name: 'nope', children: () => null });
  });

  it('infers select, initialValue and the handler form from the map', () => {
    expectTypeOf(typed.useSSEEvent('metrics', { select: (m) => m.cpu })).toEqualTypeOf<number | undefined>();
    expectTypeOf(typed.useSSEEvent('metrics', { select: (m) => m.cpu, initialValue: 0 })).toEqualTypeOf<number>();
    expectTypeOf(typed.useSSEEvent('metrics', (value, message) => {
      expectTypeOf(value).toEqualTypeOf<Metrics>();
      expectTypeOf(message).toEqualTypeOf<SSEMessage>();
    })).toEqualTypeOf<void>();
    // @ts-expect-error Metrics has no `disk`
    typed.useSSEEvent('metrics', { select: (m) => m.disk });
    // @ts-expect-error the initial value must have the selected type
    typed.useSSEEvent('metrics', { select: (m) => m.cpu, initialValue: 'zero' });
  });

  it('types useEventSource data by the listened names', () => {
    expectTypeOf(typed.useEventSource(undefined, { events: ['log'] }).data).toEqualTypeOf<{ line: string } | undefined>();
    // @ts-expect-error 'nope' is not an event of the map
    typed.useEventSource(undefined, { events: ['nope'] });
  });
});

describe('untyped hooks', () => {
  it('default to unknown and follow parse and select', () => {
    expectTypeOf(useSSEEvent('x')).toEqualTypeOf<unknown>();
    expectTypeOf(useSSEEvent<Metrics>('x')).toEqualTypeOf<Metrics | undefined>();
    expectTypeOf(useSSEEvent('x', { parse: Number })).toEqualTypeOf<number | undefined>();
    expectTypeOf(useSSEEvent('x', { parse: Number, select: (n) => n > 0 })).toEqualTypeOf<boolean | undefined>();
    expectTypeOf(useSSEEvent('x', { parse: Number, initialValue: 0 })).toEqualTypeOf<number>();
    expectTypeOf(useSSEBuffer('x', { max: 5, parse: String })).toEqualTypeOf<readonly string[]>();
    expectTypeOf(useSSEEvent('x', { onError: (error) => expectTypeOf(error).toEqualTypeOf<SSEError>() })).toEqualTypeOf<unknown>();
  });

  it('types the status and the all-in-one hook', () => {
    expectTypeOf(useSSEStatus().status).toEqualTypeOf<ConnectionStatus>();
    expectTypeOf(useSSEStatus().parseError).toEqualTypeOf<SSEError | null>();
    expectTypeOf(useEventSource<number>('http://x')).toEqualTypeOf<EventSourceState<number>>();
    // @ts-expect-error an unknown transport
    useEventSource('http://x', { transport: 'websocket' });
    // @ts-expect-error max is required
    useSSEBuffer('x', {});
  });

  it('makes the mock a Connection', () => {
    expectTypeOf(createMockConnection()).toEqualTypeOf<MockConnection>();
    expectTypeOf<MockConnection>().toExtend<Connection>();
  });
});

describe('README examples', () => {
  it('infers the payload from an annotated select', () => {
    expectTypeOf(useSSEEvent('metrics', { select: (m: Metrics) => m.cpu, initialValue: 0 })).toEqualTypeOf<number>();
    const parseTemperature = (data: string) => Number(data);
    expectTypeOf(useSSEEvent('t', { parse: parseTemperature, select: (value) => Math.round(value), initialValue: 20 })).toEqualTypeOf<number>();
  });
});
