export { createRedisBroker, type RedisBrokerOptions } from './createRedisBroker';
export { compareStreamIds, isStreamId } from './compareStreamIds';
