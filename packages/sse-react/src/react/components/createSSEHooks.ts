import type { ReactNode } from 'react';
import type { SSEMessage } from '../../core/index';
import type { EventSourceState, SSEEventHandlerOptions, UseEventSourceOptions, UseSSEBufferOptions, UseSSEEventOptions } from '../hookTypes';
import { useEventSource } from '../hooks/useEventSource';
import { useSSEBuffer } from '../hooks/useSSEBuffer';
import { useSSEEvent } from '../hooks/useSSEEvent';
import { useSSEReset } from '../hooks/useSSEReset';
import { useSSEStatus } from '../hooks/useSSEStatus';
import { SSEProvider } from '../provider/SSEProvider';
import { ConnectionStatus } from './ConnectionStatus';
import { SSEEvent } from './SSEEvent';

/** The event names of an event map (`{ metrics: Metrics; log: LogLine }`). */
export type SSEEventName<M> = Extract<keyof M, string>;

export interface TypedSSEHooks<M> {
  SSEProvider: typeof SSEProvider;
  ConnectionStatus: typeof ConnectionStatus;
  useSSEStatus: typeof useSSEStatus;
  useSSEReset: typeof useSSEReset;
  useSSEEvent: {
    <K extends SSEEventName<M>, S = M[K]>(name: K, options: UseSSEEventOptions<M[K], S> & { initialValue: S }): S;
    <K extends SSEEventName<M>, S = M[K]>(name: K, options?: UseSSEEventOptions<M[K], S>): S | undefined;
    <K extends SSEEventName<M>>(name: K, handler: (value: M[K], message: SSEMessage) => void, options?: SSEEventHandlerOptions<M[K]>): void;
  };
  useSSEBuffer<K extends SSEEventName<M>>(name: K, options: UseSSEBufferOptions<M[K]>): readonly M[K][];
  useEventSource<K extends SSEEventName<M> = SSEEventName<M>>(
    url?: string,
    options?: Omit<UseEventSourceOptions<M[K]>, 'events'> & { events?: readonly K[] },
  ): EventSourceState<M[K]>;
  SSEEvent<K extends SSEEventName<M>, S = M[K]>(
    props: UseSSEEventOptions<M[K], S> & { name: K; children: (value: S | undefined) => ReactNode; fallback?: ReactNode },
  ): ReactNode;
}

/**
 * Binds the hooks and components to one event map, so names are checked and payloads typed:
 * `useSSEEvent('metrics')` is `Metrics | undefined`, an unknown name does not compile. The default
 * JSON.parse is trusted to return the mapped type; pass `parse` to validate. Same runtime objects
 * as the untyped exports, so typed and untyped hooks share providers.
 */
export function createSSEHooks<M>(): TypedSSEHooks<M> {
  return { SSEProvider, ConnectionStatus, useSSEStatus, useSSEReset, useSSEEvent, useSSEBuffer, useEventSource, SSEEvent } as unknown as TypedSSEHooks<M>;
}

