export interface DevServerOptions {
  /** Interval of `metrics` events, ms. Default 500. */
  metricsMs?: number;
  /** Metrics history every new client gets at once (state on connect), ms. Default 120000. */
  metricsHistoryMs?: number;
  /** Interval of `tick` events, ms. Default 250. */
  tickMs?: number;
  /** Interval between log bursts, ms. Default 400. */
  logMs?: number;
  /** How often an alert may fire (one chance in three), ms. Default 3000. */
  alertMs?: number;
  /** Interval between deploy progress steps, ms. Default 600. */
  deployStepMs?: number;
  /** Delay between chat tokens, ms. Default 60. */
  chatTokenMs?: number;
  /** Heartbeat comment interval on every stream, ms. Default 15000. */
  heartbeatMs?: number;
  /** `retry:` hint sent to stream clients, ms. Default 2000. */
  retryMs?: number;
  /** Default lifetime of tokens from POST /api/token, ms. Default 10000. */
  tokenTtlMs?: number;
  /** Origins allowed by CORS. Default the demo's: http://127.0.0.1:5173, http://localhost:5173. */
  corsOrigins?: readonly string[];
  /** Streams one client id may hold open. Default 8. */
  maxStreamsPerClient?: number;
  /** Events kept for Last-Event-ID replay. Default 5000. */
  replaySize?: number;
  /** A client further behind than this many bytes is dropped. Default 1 MiB. */
  maxQueueBytes?: number;
  /** Largest accepted request body, bytes. Default 16 KiB. */
  maxBodyBytes?: number;
  /**
   * A refused body (too large, wrong origin or type) is read and discarded up to this many bytes,
   * so the client can finish sending and read the answer instead of failing with EPIPE; past it
   * the connection is cut. Default 128 MiB.
   */
  maxDrainBytes?: number;
  /** ...and for at most this long, ms. Default 10000. */
  drainTimeoutMs?: number;
  /** Tokens one client address may mint at once (POST /api/token). Default 20. */
  tokenBurst?: number;
  /** Tokens one client address may mint per minute, sustained. Default 60. */
  tokenMintsPerMinute?: number;
  /** Unexpired tokens the server keeps at most; minting past it answers 429. Default 1000. */
  maxLiveTokens?: number;
  /** Start the data generators (metrics, logs, alerts, ticks). Default true; tests may publish by hand. */
  generators?: boolean;
  /** Injectable randomness, so tests can be deterministic. Default Math.random. */
  random?: () => number;
}

export type ResolvedOptions = Required<DevServerOptions>;

export const DEFAULT_CORS_ORIGINS = ['http://127.0.0.1:5173', 'http://localhost:5173'] as const;

export function resolveOptions(options: DevServerOptions): ResolvedOptions {
  return {
    metricsMs: 500,
    metricsHistoryMs: 120_000,
    tickMs: 250,
    logMs: 400,
    alertMs: 3000,
    deployStepMs: 600,
    chatTokenMs: 60,
    heartbeatMs: 15_000,
    retryMs: 2000,
    tokenTtlMs: 10_000,
    corsOrigins: DEFAULT_CORS_ORIGINS,
    maxStreamsPerClient: 8,
    replaySize: 5000,
    maxQueueBytes: 1024 * 1024,
    maxBodyBytes: 16 * 1024,
    maxDrainBytes: 128 * 1024 * 1024,
    drainTimeoutMs: 10_000,
    tokenBurst: 20,
    tokenMintsPerMinute: 60,
    maxLiveTokens: 1000,
    generators: true,
    random: Math.random,
    ...options,
  };
}

const ENV_NUMBERS = {
  METRICS_MS: 'metricsMs',
  METRICS_HISTORY_MS: 'metricsHistoryMs',
  TICK_MS: 'tickMs',
  LOG_MS: 'logMs',
  ALERT_MS: 'alertMs',
  DEPLOY_STEP_MS: 'deployStepMs',
  CHAT_TOKEN_MS: 'chatTokenMs',
  HEARTBEAT_MS: 'heartbeatMs',
  RETRY_MS: 'retryMs',
  TOKEN_TTL_MS: 'tokenTtlMs',
  MAX_STREAMS_PER_CLIENT: 'maxStreamsPerClient',
  REPLAY_SIZE: 'replaySize',
  TOKEN_BURST: 'tokenBurst',
  TOKEN_MINTS_PER_MINUTE: 'tokenMintsPerMinute',
  MAX_LIVE_TOKENS: 'maxLiveTokens',
} as const;

/** Reads overrides from the environment (`TICK_MS=50`, `CORS_ORIGINS=a,b`, ...). */
export function optionsFromEnv(env: NodeJS.ProcessEnv): DevServerOptions {
  const options: DevServerOptions = {};
  for (const [name, key] of Object.entries(ENV_NUMBERS)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0) {
      throw new Error(`[@kit/dev-server] ${name}=${JSON.stringify(raw)} is not a non-negative number.`);
    }
    options[key] = value;
  }
  if (env.CORS_ORIGINS) options.corsOrigins = env.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean);
  return options;
}
