import { queryOptions, type QueryClient } from '@tanstack/react-query';
import type { Order, OrderSummary } from '../../server/orders';

// One key per cache entry the stream keeps up to date; ['orders'] is the prefix of them all.
export const orderKeys = {
  all: ['orders'] as const,
  detail: (id: string) => ['orders', id] as const,
};

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return (await response.json()) as T;
}

export const ordersQuery = queryOptions({ queryKey: orderKeys.all, queryFn: () => getJson<OrderSummary[]>('/api/orders') });

export const orderQuery = (id: string) => queryOptions({ queryKey: orderKeys.detail(id), queryFn: () => getJson<Order>(`/api/orders/${encodeURIComponent(id)}`) });

/**
 * Writes one `order` event into the cache: the list row and the detail, each only if the event is
 * newer than what the cache holds. A query still loading its first answer is refetched instead,
 * since that answer may predate the event.
 */
export function applyOrder(queryClient: QueryClient, order: Order): void {
  const { history: _history, ...row } = order;
  const list = ordersQuery.queryKey;
  if (queryClient.getQueryData(list) === undefined) {
    if (queryClient.isFetching({ queryKey: list, exact: true }) > 0) void queryClient.invalidateQueries({ queryKey: list, exact: true });
  } else {
    queryClient.setQueryData(list, (rows) => rows?.map((current) => (current.id === order.id && current.version < order.version ? row : current)));
  }
  const detail = orderQuery(order.id).queryKey;
  if (queryClient.getQueryData(detail) === undefined) {
    if (queryClient.isFetching({ queryKey: detail, exact: true }) > 0) void queryClient.invalidateQueries({ queryKey: detail, exact: true });
  } else {
    queryClient.setQueryData(detail, (current) => (current && current.version >= order.version ? current : order));
  }
}
