/** The leader beats this often; every tab re-announces itself every fourth beat. */
export const TAB_HEARTBEAT_MS = 200;
/**
 * A visible leader silent this long is taken to be hung or frozen, and a follower steals its lock:
 * checked every beat, so the take-over starts within TAB_LEADER_TIMEOUT_MS + TAB_HEARTBEAT_MS
 * (under 1 s). A leader that is merely busy that long loses the lead, which costs one resume.
 */
export const TAB_LEADER_TIMEOUT_MS = 600;
/**
 * A hidden leader's timers are throttled (Chrome: one wake-up per second, one per minute after
 * five minutes hidden), so silence means little there; a hidden tab that really freezes says so
 * with the Page Lifecycle `freeze` event and hands over at once.
 */
export const TAB_HIDDEN_LEADER_TIMEOUT_MS = 65_000;
