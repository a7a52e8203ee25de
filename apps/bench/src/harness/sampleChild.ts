// The process behind one sample of processRounds: load the contender's module, take one sample, report it.
import { pathToFileURL } from 'node:url';

interface Request {
  module: string;
  args?: unknown;
}

process.once('message', (request: Request) => {
  void (async () => {
    try {
      const mod = (await import(pathToFileURL(request.module).href)) as { sample?: (args: unknown) => unknown };
      if (typeof mod.sample !== 'function') throw new Error(`${request.module} exports no sample(args) function`);
      const value = await mod.sample(request.args);
      // The process's own CPU time, start-up included: the runner's per-round load separates it from the rest of the machine.
      const cpu = process.cpuUsage();
      process.send?.({ ok: true, value, cpuMs: (cpu.user + cpu.system) / 1000 });
    } catch (error) {
      process.send?.({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  })();
});

// The runner disconnects once it has the answer: exit on our own (a stream or timer a contender left
// open must not keep the process alive), so that --cpu-prof, when asked for, writes its profile.
process.once('disconnect', () => process.exit(0));
