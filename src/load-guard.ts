/**
 * Overload detection, shared by the API and the SIP side: the event loop's lag,
 * sampled by a timer. While it stays over the limit this instance's CPU is
 * saturated (not its dependencies: those have their own errors), and new calls
 * and API requests are refused at once, 503 with Retry-After, instead of being
 * queued into timeouts. Calls already up are never touched.
 */
import { performance } from 'node:perf_hooks';

/** How often the lag is sampled. */
const SAMPLE_MS = 50;

export interface LoadGuardOptions {
  /** Lag (ms) at which new work is refused; 0 turns the guard off. */
  maxLagMs: number;
  /** Told each time the instance starts or stops shedding. */
  onChange?(shedding: boolean, lagMs: number): void;
}

/** Whether this instance is too busy to take new work, from its event loop's lag. */
export class LoadGuard {
  private shedding = false;
  private lagMs = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly opts: LoadGuardOptions) {}

  /** True while new work should be refused. */
  get overloaded(): boolean {
    return this.shedding;
  }

  /** The last lag sampled, in ms. */
  get lag(): number {
    return this.lagMs;
  }

  /** Starts sampling (nothing when off); idempotent. */
  start(): void {
    if (this.timer || this.opts.maxLagMs <= 0) return;
    const max = this.opts.maxLagMs;
    let expected = performance.now() + SAMPLE_MS;
    let overSamples = 0;
    this.timer = setInterval(() => {
      const now = performance.now();
      this.lagMs = Math.max(0, now - expected);
      expected = now + SAMPLE_MS;
      // Three samples in a row over the limit start shedding (a GC pause does not);
      // one under half of it stops (no flapping at the edge).
      overSamples = this.lagMs >= max ? overSamples + 1 : 0;
      if (!this.shedding && overSamples >= 3) this.set(true);
      else if (this.shedding && this.lagMs < max / 2) this.set(false);
    }, SAMPLE_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.shedding = false;
  }

  private set(shedding: boolean): void {
    this.shedding = shedding;
    this.opts.onChange?.(shedding, Math.round(this.lagMs));
  }
}
