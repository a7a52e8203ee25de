export { SSEError, type SSEErrorDetails, type SSEErrorKind } from './SSEError';
export type {
  Backoff,
  Connection,
  ConnectionOptions,
  ConnectionSnapshot,
  ConnectionStatus,
  EventSourceConstructor,
  EventSourceLike,
  HeadersInput,
  HeadersOption,
  SignalSource,
  SSEEnvironment,
  SSEMessage,
  TransportKind,
} from './types';
export { createParser, type ParsedEvent, type Parser, type ParserOptions } from './parser';
export { FetchEventSource, type FetchEventSourceBody, type FetchEventSourceInit } from './FetchEventSource';
export { SSEErrorEvent } from './SSEErrorEvent';
