import { createContext, useCallback, useContext, useReducer } from 'react';

/**
 * One line of the reconnect timeline. `status` lines come from the connection snapshot; `chaos`
 * lines from the buttons (what the server confirmed); `reset` and `refetch` from the tick counter.
 */
export interface LabEntry {
  id: number;
  at: number;
  kind: 'status' | 'chaos' | 'reset' | 'refetch';
  /** The connection status for `status` lines, the chaos action for `chaos` lines. */
  tag: string;
  title: string;
  detail: string;
}

export type NewLabEntry = Omit<LabEntry, 'id' | 'at'>;

const MAX_ENTRIES = 40;

interface LogState {
  entries: LabEntry[];
  nextId: number;
}

function reduce(state: LogState, entry: NewLabEntry & { at: number }): LogState {
  return { entries: [{ ...entry, id: state.nextId }, ...state.entries].slice(0, MAX_ENTRIES), nextId: state.nextId + 1 };
}

/** The timeline's store, owned by the lab; newest entry first. */
export function useLabLogState(): [LabEntry[], (entry: NewLabEntry) => void] {
  const [state, dispatch] = useReducer(reduce, { entries: [], nextId: 1 });
  const add = useCallback((entry: NewLabEntry) => dispatch({ ...entry, at: Date.now() }), []);
  return [state.entries, add];
}

export const LabLogContext = createContext<(entry: NewLabEntry) => void>(() => {});

/** Adds a line to the lab's timeline. */
export function useLabLog(): (entry: NewLabEntry) => void {
  return useContext(LabLogContext);
}
