// Development tooling, in its own entry so production builds that do not import it ship none of it.
export { SSEDevtools, type SSEDevtoolsProps } from './SSEDevtools';
export {
  inspectConnection,
  listConnections,
  subscribeToConnections,
  subscribeToEvents,
  type ConnectionInspection,
  type InspectedEventListener,
} from '../core/runtime/inspect';
