export { formatEvent, type SSEEventInit } from './formatEvent';
export { formatComment } from './formatComment';
export { formatRetry } from './formatRetry';
export { createNodeStream } from './createNodeStream';
export { createFetchStream, type FetchStream } from './createFetchStream';
export { SSE_HEADERS, type CloseReason, type SSESink, type SSEStreamOptions } from './SSESink';
export {
  createChannel,
  type Channel,
  type ChannelOptions,
  type ChannelEvent,
  type ChannelStats,
  type ConnectOptions,
  type EventMap,
  type TopicsResult,
} from './createChannel';
export type { Broker, BrokerEvent, BrokerStatus, PublishInit, ReplayResult, ResetReason } from './Broker';
export { createMemoryBroker, type MemoryBrokerOptions } from './createMemoryBroker';
