import { useQuery } from '@tanstack/react-query';
import { orderQuery } from './queries';

export function OrderDetail({ id }: { id: string }) {
  const { data, error, isPending } = useQuery(orderQuery(id));
  if (isPending) return <p>Loading {id}…</p>;
  if (error) return <p role="alert">Could not load {id}: {error.message}</p>;
  return (
    <section aria-label="Order detail" data-testid="detail" data-id={data.id} data-status={data.status} data-version={data.version}>
      <h2>
        {data.id} · {data.customer}
      </h2>
      <p>
        {data.status}, {data.total.toFixed(2)} (version {data.version})
      </p>
      {/* No onSuccess cache update: the change comes back as an `order` event, like everyone else's. */}
      <button type="button" onClick={() => void fetch(`/api/orders/${encodeURIComponent(data.id)}/advance`, { method: 'POST' })}>
        Advance
      </button>
      <ol>
        {data.history.map((status, index) => (
          <li key={index}>{status}</li>
        ))}
      </ol>
    </section>
  );
}
