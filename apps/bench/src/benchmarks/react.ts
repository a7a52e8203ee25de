import { fileURLToPath } from 'node:url';
import { fmt, ratio, spread } from '../harness/format';
import type { Benchmark, BenchmarkResult, Target } from '../harness/report';
import { processRounds, sampleInProcess, type ProcessContender } from '../harness/processRounds';
import { summarize } from '../harness/stats';
import { contenderList, type ContenderInfo } from '../fixtures/fanoutContendersInfo';
import { COMPONENTS, NAMES, type FanoutSample, type FanoutSampleArgs } from '../fixtures/reactFanoutSample';

const sampleModule = fileURLToPath(new URL('../fixtures/reactFanoutSample.ts', import.meta.url));

interface Run {
  events: number;
  rounds: number;
  samples: Map<string, FanoutSample[]>;
  load: number[];
  statusRenders: number;
}

/** The table, chart, target, notes and headline of the rounds. */
function report({ events, rounds, samples, load, statusRenders }: Run): Omit<BenchmarkResult, 'seconds' | 'load'> {
  const ours = contenderList.find((c) => c.ours) as ContenderInfo;
  const rhs = contenderList.find((c) => c.name.startsWith('react-hooks-sse')) as ContenderInfo;
  const tutorial = contenderList.find((c) => c.name.startsWith('hand-written')) as ContenderInfo;
  const list = (name: string) => samples.get(name) ?? [];
  const timeOf = (name: string) => summarize(list(name).map((s) => s.ms));
  const cpuOf = (name: string) => summarize(list(name).map((s) => s.cpuMs));
  const label = (c: ContenderInfo) => (c.sampleFraction ? `${c.name} †` : c.name);
  const oursMs = timeOf(ours.name).median;
  const oursCpu = cpuOf(ours.name).median;
  const rows = contenderList.map((c) => {
    const first = list(c.name)[0] as FanoutSample;
    return [
      label(c),
      fmt(first.renders),
      fmt(first.wasted),
      String(first.sources),
      spread(timeOf(c.name), 'ms'),
      spread(cpuOf(c.name), 'ms'),
      c.ours ? '1.00x' : ratio(oursMs, timeOf(c.name).median),
      c.ours ? '1.00x' : ratio(oursCpu, cpuOf(c.name).median),
    ];
  });
  // Every sample of ours, not only the first: a wasted render in any round fails the target.
  const oursWasted = Math.max(...list(ours.name).map((s) => s.wasted));
  const versus = (other: ContenderInfo, of: (name: string) => { median: number }) => of(ours.name).median / of(other.name).median;
  const targets: Target[] = [
    { name: 'renders of components whose event did not arrive', goal: '0', measured: fmt(oursWasted), met: oursWasted === 0 },
    {
      name: 'wall time, ours / react-hooks-sse (medians)',
      goal: '≤ 1.00x',
      measured: `${versus(rhs, timeOf).toFixed(2)}x`,
      met: versus(rhs, timeOf) <= 1,
    },
    {
      name: 'CPU time, ours / react-hooks-sse (medians)',
      goal: '≤ 1.00x',
      measured: `${versus(rhs, cpuOf).toFixed(2)}x`,
      met: versus(rhs, cpuOf) <= 1,
    },
  ];
  const idealRenders = events * (COMPONENTS / NAMES);
  return {
    id: 'react',
    title: 'React fan-out',
    method:
      `${COMPONENTS} components under one provider (where the library has one), each subscribed to one of ${NAMES} event names (10 per name), receive ${fmt(events)} events round-robin over the names (each event concerns ${COMPONENTS / NAMES} components, so ${fmt(idealRenders)} renders is the minimum). ` +
      'jsdom window, production React 19 builds (`NODE_ENV=production`), `react-dom/client` `createRoot`; each event is delivered inside `flushSync`, as if each arrived in its own task. The network is a fake EventSource class installed as the global (and `window.`) EventSource for every contender, with real dispatch rules (`onmessage` sees only unnamed events); ours is told `transport: \'native\'` so it reads the same fake source. ' +
      "Renders are counted by a counter in each component body; a render is *wasted* when the event being delivered is not the component's name. " +
      "At the end every component must show the last value of its name, or the run aborts. react-use-websocket's `useEventSource` only listens to `onmessage`, so it gets unnamed events with the name inside the JSON payload (named events would never reach it). " +
      `Each sample runs in a fresh Node process (\`harness/processRounds.ts\`): it mounts the app, delivers 5% of the events as a warm-up, unmounts, mounts again and times the delivery of all ${fmt(events)} events and the effects settling, in wall time and in process CPU time (user + system). ` +
      `${rounds} rounds, contenders rotating (A B C…, B C A…), medians with min–max; 1-minute load average before each round: ${load.map((l) => l.toFixed(2)).join(', ')}.`,
    tables: [
      {
        headers: ['Contender', 'Renders', 'Wasted renders', 'EventSources', 'Wall time median (min–max)', 'CPU time median (min–max)', 'wall time ours / this', 'CPU time ours / this'],
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
              bars: contenderList.map((c) => ({ label: c.name, ours: c.ours === true, ...timeOf(c.name) })),
            },
          ],
        },
      },
    ],
    targets,
    notes: [
      `Ours against the hand-written hook (one EventSource per component): ${versus(tutorial, timeOf).toFixed(2)}x in wall time, ${versus(tutorial, cpuOf).toFixed(2)}x in CPU time (medians).`,
      `A \`useSSEStatus()\` badge added beside our 100 components (one more sample, not timed) rendered ${fmt(statusRenders)} times during the ${fmt(events)} events, while the status stayed \`open\`${statusRenders > 0 ? ': every event carries an `id`, and the status snapshot includes `lastEventId`, so each event replaces the snapshot' : ''}.`,
      ...contenderList
        .filter((c) => c.sampleFraction)
        .map(
          (c) =>
            `† ${c.name} re-renders every component on every event (a 10,000-event sample would take about a minute here): each sample delivers the first ${fmt(events * (c.sampleFraction ?? 1))} events and its renders and times are scaled ×${fmt(1 / (c.sampleFraction ?? 1))} (renders are exactly linear: ${COMPONENTS} per event).`,
        ),
    ],
    headline: {
      headers: ['React fan-out', 'Renders', 'Wasted renders', 'Time (ms)', 'CPU (ms)'],
      rows: contenderList.map((c) => {
        const s = list(c.name)[0];
        return [label(c), fmt(s?.renders ?? Number.NaN), fmt(s?.wasted ?? Number.NaN), fmt(timeOf(c.name).median), fmt(cpuOf(c.name).median)];
      }),
    },
  };
}

export const reactBenchmark: Benchmark = async ({ quick, log }) => {
  const events = quick ? 1000 : 10_000;
  const rounds = 5;
  const contenders: ProcessContender[] = contenderList.map((c, index) => ({
    name: c.name,
    module: sampleModule,
    args: { contender: index, events } satisfies FanoutSampleArgs,
  }));
  log(`${COMPONENTS} components, ${NAMES} names, ${events} events, ${rounds} rounds, one process per sample`);
  const { samples, load } = await processRounds<FanoutSample>(contenders, {
    rounds,
    label: 'React fan-out',
    onSample: (name, round) => log(`round ${round + 1}/${rounds}: ${name}`),
  });
  // Once more, ours with a useSSEStatus() badge beside the components: its renders during the run.
  const ours = contenderList.findIndex((c) => c.ours);
  const badge = await sampleInProcess<FanoutSample>({ name: 'ours + status badge', module: sampleModule, args: { contender: ours, events, withBadge: true } });
  return report({ events, rounds, samples, load, statusRenders: badge.statusRenders });
};
