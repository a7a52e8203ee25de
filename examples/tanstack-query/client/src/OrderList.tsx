import { useQuery } from '@tanstack/react-query';
import { ordersQuery } from './queries';

export function OrderList({ selected, onSelect }: { selected: string | null; onSelect: (id: string) => void }) {
  const { data, error, isPending } = useQuery(ordersQuery);
  if (isPending) return <p>Loading orders…</p>;
  if (error) return <p role="alert">Could not load the orders: {error.message}</p>;
  return (
    <table>
      <thead>
        <tr>
          <th>Order</th>
          <th>Customer</th>
          <th>Status</th>
          <th>Total</th>
          <th>v</th>
        </tr>
      </thead>
      <tbody>
        {data.map((order) => (
          <tr
            key={order.id}
            data-testid={`row-${order.id}`}
            data-status={order.status}
            data-version={order.version}
            aria-selected={order.id === selected}
            onClick={() => onSelect(order.id)}
            style={{ cursor: 'pointer', fontWeight: order.id === selected ? 'bold' : undefined }}
          >
            <td>{order.id}</td>
            <td>{order.customer}</td>
            <td>{order.status}</td>
            <td>{order.total.toFixed(2)}</td>
            <td>{order.version}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
