/** The event names /api/stream publishes; `?topics=` may name any subset. */
export const TOPICS = ['metrics', 'log', 'alert', 'deploy', 'tick'] as const;
export type Topic = (typeof TOPICS)[number];

export const SERVICES = ['api', 'auth', 'billing', 'search'] as const;
