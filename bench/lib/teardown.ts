/**
 * What a benchmark started, stopped in reverse order whatever happens: at the
 * end, on an error half-way through start-up, or on Ctrl-C. Each step runs
 * once; a failing step does not keep the others from running.
 *
 * @example runBench(async (down) => { const d = await startDrachtio(bin); down.add(() => d.stop()); … });
 */
export class Teardown {
  private readonly steps: (() => unknown)[] = [];
  private running: Promise<void> | undefined;

  constructor() {
    const onSignal = (signal: NodeJS.Signals) => {
      void this.run().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }

  /** Registers a step, run before every step added earlier. */
  add(step: () => unknown): void {
    this.steps.push(step);
  }

  /** Runs every step, newest first. Safe to call again. */
  run(): Promise<void> {
    this.running ??= (async () => {
      for (const step of this.steps.reverse()) {
        try {
          await step();
        } catch (err) {
          console.error('teardown:', err);
        }
      }
    })();
    return this.running;
  }
}

/** Runs a benchmark's main with a Teardown, then tears down; on an error, says so, tears down and exits 1. */
export function runBench(main: (down: Teardown) => Promise<void>): void {
  const down = new Teardown();
  main(down)
    .then(() => down.run())
    .catch(async (err: unknown) => {
      console.error(err);
      await down.run();
      process.exit(1);
    });
}
