export { startRedisServer, type RedisServer, type RedisServerOptions } from './startRedisServer';
