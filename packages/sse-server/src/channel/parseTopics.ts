import type { TopicsResult } from './types';

/** Parses `?topics=metrics,alert`: trimmed, deduplicated, and checked against `known` when given. */
export function parseTopics(raw: string | null | undefined, known: ReadonlySet<string> | null): TopicsResult {
  if (raw === null || raw === undefined || raw.trim() === '') return { ok: true, topics: null };
  const topics = [...new Set(raw.split(',').map((topic) => topic.trim()).filter(Boolean))];
  const unknown = known ? topics.filter((topic) => !known.has(topic)) : [];
  if (unknown.length > 0) {
    return {
      ok: false,
      unknown,
      error: `[@kit/sse-server] Unknown topic ${unknown.map((t) => JSON.stringify(t)).join(', ')}. Known topics: ${[...(known ?? [])].join(', ')}.`,
    };
  }
  return { ok: true, topics };
}
