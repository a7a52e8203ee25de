// The example's "database": orders that move through their lifecycle. Each server process starts
// its own (in memory), so a restarted server knows a different history: exactly the case where a
// client's cache must be refetched rather than patched.
export const STATUSES = ['placed', 'paid', 'packed', 'shipped', 'delivered'] as const;
export type OrderStatus = (typeof STATUSES)[number];

/** What the list shows, and what every `order` event carries. */
export interface OrderSummary {
  id: string;
  customer: string;
  status: OrderStatus;
  total: number;
  /** Increases with every change: the client never applies an older version over a newer one. */
  version: number;
}

/** The detail view: the summary plus the history of statuses. */
export interface Order extends OrderSummary {
  history: OrderStatus[];
}

export interface Events {
  order: Order;
}

const CUSTOMERS = ['Ada', 'Grace', 'Linus', 'Barbara', 'Ken', 'Margaret'];

export interface OrderStore {
  list(): OrderSummary[];
  get(id: string): Order | undefined;
  /** Moves the order to its next status (or, once delivered, adds to its total); undefined if unknown. */
  advance(id: string): Order | undefined;
  /** Advances the orders in turn: the stand-in for the rest of the world changing them. */
  step(): Order;
}

export function createOrderStore(random: () => number = Math.random): OrderStore {
  const orders: Order[] = CUSTOMERS.map((customer, index) => {
    const status = STATUSES[Math.floor(random() * 3)] ?? 'placed';
    return { id: `o-${index + 1}`, customer, status, total: 20 + Math.round(random() * 8000) / 100, version: 1, history: [status] };
  });
  let turn = 0;
  const advanceAt = (index: number): Order => {
    const order = orders[index]!;
    const next = STATUSES[STATUSES.indexOf(order.status) + 1];
    const changed: Order = next
      ? { ...order, status: next, history: [...order.history, next], version: order.version + 1 }
      : { ...order, total: Math.round((order.total + 1) * 100) / 100, version: order.version + 1 };
    orders[index] = changed;
    return changed;
  };
  return {
    list: () => orders.map(summary),
    get: (id) => orders.find((order) => order.id === id),
    advance(id) {
      const index = orders.findIndex((order) => order.id === id);
      return index === -1 ? undefined : advanceAt(index);
    },
    step: () => advanceAt(turn++ % orders.length),
  };
}

export function summary({ id, customer, status, total, version }: Order): OrderSummary {
  return { id, customer, status, total, version };
}
