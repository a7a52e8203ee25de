export function App() {
  return (
    <main>
      <h1>SSE kit</h1>
      <p>A live operations dashboard streamed over Server-Sent Events.</p>
    </main>
  );
}
