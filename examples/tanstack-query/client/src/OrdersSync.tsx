import { useQueryClient } from '@tanstack/react-query';
import { useSSEEvent, useSSEReset } from '@kit/sse-react';
import type { Order } from '../../server/orders';
import { applyOrder, orderKeys } from './queries';

/**
 * The bridge: every `order` event patches the cache (no refetch), and a reset (the server could
 * not replay what this tab missed, e.g. it restarted) invalidates every order query, so the list
 * and the detail are refetched together and agree again.
 */
export function OrdersSync() {
  const queryClient = useQueryClient();
  useSSEEvent('order', (order: Order) => applyOrder(queryClient, order));
  useSSEReset(() => void queryClient.invalidateQueries({ queryKey: orderKeys.all }));
  return null;
}
