import { fmt, ratio, spread } from '../harness/format';
import { interleave } from '../harness/interleave';
import type { Benchmark, BenchmarkResult, Target } from '../harness/report';
import { summarize } from '../harness/stats';
import { hub } from '../fixtures/fakeEventSource';
import { installDom } from '../fixtures/installDom';
// Types only (erased): the modules themselves load after installDom(), in the benchmark.
import type { contenders, oursWithStatusBadge, probe } from '../fixtures/fanoutContenders';
import type { flushSync } from 'react-dom';
import type { createRoot } from 'react-dom/client';

interface Sample {
  ms: number;
  /** Process CPU time (user + system): steadier than wall time when other work shares the machine. */
  cpuMs: number;
  renders: number;
  wasted: number;
  sources: number;
}

const COMPONENTS = 100;
const NAMES = 10;

/** What every round shares: the React entry points, the contenders and the events, loaded once. */
interface Setup {
  flushSync: typeof flushSync;
  createRoot: typeof createRoot;
  contenders: typeof contenders;
  oursWithStatusBadge: typeof oursWithStatusBadge;
  probe: typeof probe;
  events: number;
  componentNames: string[];
  payloads: { name: string; data: string }[];
}

/** Lets timers, effects and the fake sources' `open` run. */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

/** One round of one contender: mount its app, deliver the events, check what every component shows. */
async function run(setup: Setup, index: number, warmup = false, withBadge = false): Promise<Sample> {
  const { flushSync, createRoot, contenders, oursWithStatusBadge, probe, events, componentNames, payloads } = setup;
  const contender = contenders[index];
  if (!contender) throw new Error('no contender');
  const fraction = warmup ? 0.05 : (contender.sampleFraction ?? 1);
  const delivered = Math.round(events * fraction);
  // What every component must show at the end: the last seq of its name.
  const expected = componentNames.map((_, i) => String(delivered - NAMES + (i % NAMES)));
  hub.reset();
  const container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container);
  flushSync(() => root.render(withBadge ? oursWithStatusBadge(componentNames) : contender.app(componentNames)));
  await settle();
  if (hub.instances.size === 0) throw new Error(`${contender.name}: no EventSource opened`);
  probe.renders = 0;
  probe.wasted = 0;
  probe.statusRenders = 0;
  probe.counting = true;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  for (let seq = 0; seq < delivered; seq++) {
    const { name, data } = payloads[seq] as { name: string; data: string };
    probe.current = name;
    // One event per task in a browser: flushSync renders what it caused before the next one.
    flushSync(() => hub.emit(contender.framing === 'named' ? name : 'message', data, String(seq)));
  }
  await settle();
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  probe.counting = false;
  const shown = [...container.querySelectorAll('i')].map((node) => node.textContent);
  const wrong = shown.findIndex((text, i) => text !== expected[i]);
  if (shown.length !== COMPONENTS || wrong !== -1) {
    throw new Error(`${contender.name}: component ${wrong} shows ${shown[wrong]}, expected ${expected[wrong]}`);
  }
  const sample = { ms: ms / fraction, cpuMs: cpuMs / fraction, renders: probe.renders / fraction, wasted: probe.wasted / fraction, sources: hub.opened };
  root.unmount();
  container.remove();
  await settle();
  return sample;
}

/** The table, chart, target, notes and headline of the rounds. */
function report({ contenders, events }: Setup, samples: Map<string, Sample[]>, statusRenders: number, rounds: number): Omit<BenchmarkResult, 'seconds' | 'load'> {
  const OURS = contenders[0]?.name ?? '';
  const timeOf = (name: string) => summarize((samples.get(name) ?? []).map((s) => s.ms));
  const cpuOf = (name: string) => summarize((samples.get(name) ?? []).map((s) => s.cpuMs));
  const oursMs = timeOf(OURS).median;
  const rows = contenders.map((c) => {
    const list = samples.get(c.name) ?? [];
    const first = list[0] as Sample;
    const t = timeOf(c.name);
    return [
      c.sampleFraction ? `${c.name} †` : c.name,
      fmt(first.renders),
      fmt(first.wasted),
      String(first.sources),
      spread(t, 'ms'),
      spread(cpuOf(c.name), 'ms'),
      c.ours ? '1.00x' : ratio(oursMs, t.median),
    ];
  });
  const oursSample = samples.get(OURS)?.[0];
  const idealRenders = events * (COMPONENTS / NAMES);
  const targets: Target[] = [
    {
      name: 'renders of components whose event did not arrive',
      goal: '0',
      measured: String(oursSample?.wasted ?? '?'),
      met: oursSample ? oursSample.wasted === 0 : null,
    },
  ];
  return {
    id: 'react',
    title: 'React fan-out',
    method:
      `${COMPONENTS} components under one provider (where the library has one), each subscribed to one of ${NAMES} event names (10 per name), receive ${fmt(events)} events round-robin over the names (each event concerns ${COMPONENTS / NAMES} components, so ${fmt(idealRenders)} renders is the minimum). ` +
      'jsdom window, production React 19 builds (`NODE_ENV=production`), `react-dom/client` `createRoot`; each event is delivered inside `flushSync`, as if each arrived in its own task. The network is a fake EventSource class installed as the global (and `window.`) EventSource for every contender, with real dispatch rules (`onmessage` sees only unnamed events). ' +
      "Renders are counted by a counter in each component body; a render is *wasted* when the event being delivered is not the component's name. " +
      "At the end every component must show the last value of its name, or the run aborts. react-use-websocket's `useEventSource` only listens to `onmessage`, so it gets unnamed events with the name inside the JSON payload (named events would never reach it). " +
      `Time covers delivering all events and letting effects settle; renders and sources are identical in every round. ${rounds} interleaved rounds.`,
    tables: [
      {
        headers: ['Contender', 'Renders', 'Wasted renders', 'EventSources', 'Wall time median (min–max)', 'CPU time median (min–max)', 'wall time ours / this'],
        rows,
      },
    ],
    charts: [
      {
        file: 'react.svg',
        chart: {
          title: `React fan-out: ${COMPONENTS} components, ${NAMES} names, ${fmt(events)} events`,
          unit: 'ms',
          subtitle: 'lower is better',
          groups: [
            {
              label: 'time to deliver every event (ms)',
              bars: contenders.map((c) => ({ label: c.name, ours: c.ours === true, ...timeOf(c.name) })),
            },
          ],
        },
      },
    ],
    targets,
    notes: [
      `A \`useSSEStatus()\` badge added beside our 100 components (one more run, not timed) rendered ${fmt(statusRenders)} times during the ${fmt(events)} events, while the status stayed \`open\`${statusRenders > 0 ? ': every event carries an `id`, and the status snapshot includes `lastEventId`, so each event replaces the snapshot' : ''}.`,
      ...contenders
      .filter((c) => c.sampleFraction)
      .map(
        (c) =>
          `† ${c.name} re-renders every component on every event, which makes a 10,000-event round last about a minute here: each round delivers the first ${fmt(events * (c.sampleFraction ?? 1))} events and its renders and time are scaled ×${fmt(1 / (c.sampleFraction ?? 1))} (renders are exactly linear: ${COMPONENTS} per event).`,
        ),
    ],
    headline: {
      headers: ['React fan-out', 'Renders', 'Wasted renders', 'Time (ms)'],
      rows: contenders.map((c) => {
        const s = samples.get(c.name)?.[0];
        return [c.sampleFraction ? `${c.name} †` : c.name, fmt(s?.renders ?? Number.NaN), fmt(s?.wasted ?? Number.NaN), fmt(timeOf(c.name).median)];
      }),
    },
  };
}

export const reactBenchmark: Benchmark = async ({ quick, log }) => {
  if (process.env.NODE_ENV !== 'production') throw new Error('run the React benchmark with NODE_ENV=production');
  installDom();
  // Imported only now: the contenders read the global EventSource and window when they load.
  const { flushSync } = await import('react-dom');
  const { createRoot } = await import('react-dom/client');
  const { contenders, oursWithStatusBadge, probe } = await import('../fixtures/fanoutContenders');

  const events = quick ? 1000 : 10_000;
  const rounds = 5;
  const names = Array.from({ length: NAMES }, (_, i) => `e${i}`);
  const componentNames = Array.from({ length: COMPONENTS }, (_, i) => names[i % NAMES] as string);
  const payloads = Array.from({ length: events }, (_, seq) => {
    const name = names[seq % NAMES] as string;
    return { name, data: JSON.stringify({ name, seq, value: seq / 7 }) };
  });
  const setup: Setup = { flushSync, createRoot, contenders, oursWithStatusBadge, probe, events, componentNames, payloads };

  log(`${COMPONENTS} components, ${NAMES} names, ${events} events, ${rounds} rounds`);
  // A short warm-up (5% of the events) so the first measured round is not the one that JIT-compiles.
  for (let i = 0; i < contenders.length; i++) await run(setup, i, true);
  const samples = await interleave<Sample>(
    contenders.map((c, i) => ({ name: c.name, run: () => run(setup, i) })),
    { rounds, between: () => globalThis.gc?.() },
  );
  // Once more, ours with a useSSEStatus() badge beside the components: its renders during the run.
  await run(setup, 0, false, true);
  return report(setup, samples, probe.statusRenders, rounds);
};
