export { formatEvent, type SSEEventInit } from './format/formatEvent';
export { formatComment } from './format/formatComment';
export { formatRetry } from './format/formatRetry';
export { createNodeStream } from './sink/createNodeStream';
export { createFetchStream, type FetchStream } from './sink/createFetchStream';
export { SSE_HEADERS, type CloseReason, type SSESink, type SSEStreamOptions } from './sink/SSESink';
export {
  createChannel,
  type Channel,
  type ChannelOptions,
  type ChannelEvent,
  type ChannelStats,
  type ConnectOptions,
  type EventMap,
  type SnapshotContext,
  type SnapshotFunction,
  type TopicsResult,
} from './channel/createChannel';
export { RESET_EVENT, type ResetData } from './channel/resetEvent';
export type { Broker, BrokerEvent, BrokerStatus, PublishInit, ReplayResult, ResetReason } from './broker/Broker';
export { createMemoryBroker, type MemoryBrokerOptions } from './broker/createMemoryBroker';
export { parseEpochId, type EpochId } from './broker/epochId';
