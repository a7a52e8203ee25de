import { createContext } from 'react';
import type { Connection } from '../../core/index';

/** Holds a stable connection object; hooks subscribe to it, so the context value never changes per event. */
export const SSEContext = createContext<Connection | null>(null);
SSEContext.displayName = 'SSEContext';
