// A small kit server, run as its own process by the restart tests (so it can be SIGKILLed):
// node:http + createNodeStream + createChannel, publishing a `tick` every --tick-ms. Prints one
// JSON line per published event ({"published": id}) and {"listening": port} once ready.
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { createChannel, createNodeStream, type Broker } from '@kit/sse-server';
import { createRedisBroker } from '@kit/sse-server-redis';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    broker: { type: 'string', default: 'memory' },
    stream: { type: 'string', default: 'contract:ticks' },
    'tick-ms': { type: 'string', default: '20' },
    'heartbeat-ms': { type: 'string', default: '1000' },
  },
});

const broker: Broker | undefined =
  values.broker === 'memory' ? undefined : createRedisBroker({ url: values.broker, stream: values.stream, retryDelay: () => 50 });
const channel = createChannel({ ...(broker === undefined ? {} : { broker }) });
const heartbeatMs = Number(values['heartbeat-ms']);

const server = createServer((req, res) => {
  const sink = createNodeStream(req, res, { heartbeatMs });
  const header = req.headers['last-event-id'];
  void channel.connect(sink, { lastEventId: typeof header === 'string' ? header : null });
});

let seq = 0;
setInterval(() => {
  seq++;
  channel.publish({ event: 'tick', data: { seq, pid: process.pid } }).then(
    ({ id }) => console.log(JSON.stringify({ published: id })),
    () => {}, // a broker outage: that tick was not published
  );
}, Number(values['tick-ms']));

server.listen(Number(values.port), '127.0.0.1', () => console.log(JSON.stringify({ listening: values.port })));
