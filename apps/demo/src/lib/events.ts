// The dev server's event contract is defined once, where the events are produced:
// apps/dev-server/src/events.ts, a type-only export of @kit/dev-server (`@kit/dev-server/events`).
// The server's channel is createChannel<DashboardEvents>, the Typed contract page hands the same
// map to createSSEHooks, and the other pages name their payload types from it: a payload changed
// on the server fails the demo's typecheck instead of its charts at run time.
export type {
  AlertEvent,
  AlertSeverity,
  ChatEvents,
  DashboardEvents,
  DeployEvent,
  LogEvent,
  LogLevel,
  MetricsEvent,
  ServiceMetrics,
  TickEvent,
} from '@kit/dev-server/events';
