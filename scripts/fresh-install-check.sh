#!/usr/bin/env bash
# What a new user gets from the registry, tried outside the workspace: packs @kit/sse-react and
# @kit/sse-server, installs the tarballs with npm into two brand-new projects in a temp folder and
#   1. builds a Next.js App Router app whose page is a Server Component rendering SSEProvider
#      (Turbopack, then webpack), with a Route Handler streaming through @kit/sse-server;
#   2. runs a CommonJS project: every entry loads with require(), SSEError is one class across
#      `.` and `./core`, and a FetchEventSource receives an event from createNodeStream.
# Needs the npm registry (next, react, typescript). Not part of `pnpm test`: run it by hand,
#   bash scripts/fresh-install-check.sh            (after `npx -y pnpm@10.34.8 build`)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /tmp/kit-fresh-XXXXXX)"
export NEXT_TELEMETRY_DISABLED=1
echo "[fresh] working in $work"

for pkg in sse-react sse-server; do
  (cd "$root/packages/$pkg" && npx -y pnpm@10.34.8 pack --pack-destination "$work" >/dev/null)
done
react_tgz="$(ls "$work"/kit-sse-react-*.tgz)"
server_tgz="$(ls "$work"/kit-sse-server-*.tgz)"
echo "[fresh] packed: $(basename "$react_tgz") $(basename "$server_tgz")"

# 1. Next.js App Router
app="$work/next-app"
mkdir -p "$app/app/api/stream"
cat > "$app/package.json" <<'EOF'
{ "name": "fresh-next-app", "private": true, "scripts": { "build": "next build" } }
EOF
cat > "$app/app/layout.tsx" <<'EOF'
import type { ReactNode } from 'react';
export default function RootLayout({ children }: { children: ReactNode }) {
  return <html lang="en"><body>{children}</body></html>;
}
EOF
cat > "$app/app/page.tsx" <<'EOF'
// A Server Component: no 'use client' here.
import { ConnectionStatus, SSEProvider } from '@kit/sse-react';
import { SSEError } from '@kit/sse-react/core';
import { Price } from './Price';

export default function Page() {
  const kinds = new SSEError('network', 'just checking').kind;
  return (
    <SSEProvider url="/api/stream" options={{ transport: 'fetch', headers: { 'x-app': 'fresh' } }}>
      <ConnectionStatus />
      <Price initial={42} />
      <p>{kinds}</p>
    </SSEProvider>
  );
}
EOF
cat > "$app/app/Price.tsx" <<'EOF'
'use client';
import { useSSEEvent } from '@kit/sse-react';
export function Price({ initial }: { initial: number }) {
  const price = useSSEEvent('price', { initialValue: initial });
  return <p>price {price}</p>;
}
EOF
cat > "$app/app/api/stream/route.ts" <<'EOF'
import { createChannel, createFetchStream } from '@kit/sse-server';
export const dynamic = 'force-dynamic';
const channel = createChannel();
export function GET(request: Request): Response {
  const { response, sink } = createFetchStream(request);
  void channel.connect(sink, { lastEventId: request.headers.get('last-event-id') });
  return response;
}
EOF
(cd "$app" && npm install --no-audit --no-fund --loglevel=error "$react_tgz" "$server_tgz" next@16.4.6 react@19 react-dom@19 typescript@5.9 @types/react@19 @types/node@22 >/dev/null)
echo "[fresh] next-app: installed next $(node -p "require('$app/node_modules/next/package.json').version"), react $(node -p "require('$app/node_modules/react/package.json').version")"
(cd "$app" && npx next build 2>&1 | sed 's/^/[fresh] next build (turbopack): /' | grep -vE 'telemetry|^\[fresh\] next build \(turbopack\): *$')
grep -q 'price <!-- -->42' "$app/.next/server/app/index.html" && echo "[fresh] next-app: the prerendered page shows the initial value (price 42)"
rm -rf "$app/.next"
(cd "$app" && npx next build --webpack 2>&1 | sed 's/^/[fresh] next build --webpack: /' | grep -E 'Compiled|Route|○|ƒ|rror' )

# 2. CommonJS project
cjs="$work/cjs-app"
mkdir -p "$cjs"
cat > "$cjs/package.json" <<'EOF'
{ "name": "fresh-cjs-app", "private": true, "type": "commonjs" }
EOF
cat > "$cjs/index.js" <<'EOF'
const assert = require('node:assert/strict');
const http = require('node:http');
const root = require('@kit/sse-react');
const core = require('@kit/sse-react/core');
const testing = require('@kit/sse-react/testing');
const devtools = require('@kit/sse-react/devtools');
const server = require('@kit/sse-server');

assert.ok(new core.SSEError('network', 'x') instanceof root.SSEError, 'core SSEError instanceof root SSEError');
assert.ok(new root.SSEError('http', 'y', { status: 503 }) instanceof core.SSEError, 'root SSEError instanceof core SSEError');
assert.equal(root.SSEError, core.SSEError);
assert.equal(devtools.listConnections, core.listConnections);
assert.equal(typeof testing.createMockConnection, 'function');
assert.equal(typeof testing.nextBufferFlush, 'function');
console.log('[fresh] cjs-app: every entry loads with require(); SSEError is one class across . and ./core');

const httpServer = http.createServer((req, res) => {
  const sink = server.createNodeStream(req, res);
  sink.write(server.formatEvent({ event: 'greeting', id: 'a.1', data: { hello: 'cjs' } }));
});
httpServer.listen(0, '127.0.0.1', () => {
  const source = new core.FetchEventSource(`http://127.0.0.1:${httpServer.address().port}/`);
  source.addEventListener('greeting', (event) => {
    console.log(`[fresh] cjs-app: FetchEventSource received ${event.data} (id ${event.lastEventId}) from createNodeStream`);
    source.close();
    httpServer.closeAllConnections();
    httpServer.close();
  });
});
EOF
(cd "$cjs" && npm install --no-audit --no-fund --loglevel=error "$react_tgz" "$server_tgz" react@19 typescript@5.9 @types/react@19 @types/node@22 >/dev/null && node index.js)
# The same project in TypeScript, under both CommonJS resolutions (node16 and the old node10).
cat > "$cjs/check.ts" <<'EOF'
import { SSEError, SSEProvider, type SSEStatusSnapshot } from '@kit/sse-react';
import { createConnection, type ConnectionSnapshot } from '@kit/sse-react/core';
import { createMockConnection, nextBufferFlush } from '@kit/sse-react/testing';
import { SSEDevtools } from '@kit/sse-react/devtools';
import { createChannel, createNodeStream } from '@kit/sse-server';
const snapshot: ConnectionSnapshot = createConnection('http://127.0.0.1:9/').getSnapshot();
const status: SSEStatusSnapshot['status'] = snapshot.status;
export const used = [SSEError, SSEProvider, createMockConnection, nextBufferFlush, SSEDevtools, createChannel, createNodeStream, status];
EOF
for resolution in node16 node10; do
  module=$([ "$resolution" = node16 ] && echo node16 || echo commonjs)
  (cd "$cjs" && npx tsc --noEmit --strict --target es2022 --types node --jsx react-jsx --module "$module" --moduleResolution "$resolution" check.ts) \
    && echo "[fresh] cjs-app: tsc --module $module --moduleResolution $resolution: no errors"
done

echo "[fresh] tarball contents:"
for tgz in "$react_tgz" "$server_tgz"; do
  echo "[fresh]   $(basename "$tgz"): $(tar tzf "$tgz" | wc -l) files; LICENSE: $(tar tzf "$tgz" | grep -c '^package/LICENSE$'); first line of dist/index.js: $(tar xzf "$tgz" -O package/dist/index.js | head -1)"
done
rm -rf "$work"
echo "[fresh] ok"
