/**
 * Each caller's usual ACK delay: the shortest it took over the last minute, in
 * six 10 s buckets, so a distant trunk's round trip is not taken for a queue
 * and a lasting change of route is accepted within a minute.
 */

/** Buckets kept per source (the current one last)… */
const BASE_BUCKETS = 6;
/** …each this many admission windows long (6 × 10 s: one minute). */
const WINDOWS_PER_BUCKET = 100;
/** Sources remembered at most (a trunk has a few; the oldest is forgotten first). */
const MAX_SOURCES = 1000;

export class AckBaselines {
  /** Per source, its shortest ACK delay per bucket, the current one last. */
  private readonly bases = new Map<string, number[]>();
  private windowsInBucket = 0;

  /**
   * How much later than usual `source`'s ACK came (ms), judged against its last
   * minute and then remembered; undefined for a source with no past (new, or
   * silent for a minute): its first ACK only starts its baseline.
   */
  excess(source: string, ms: number): number | undefined {
    let base = this.bases.get(source);
    if (!base) {
      if (this.bases.size >= MAX_SOURCES) this.bases.delete(this.bases.keys().next().value as string);
      base = [Infinity];
      this.bases.set(source, base);
    }
    const usual = Math.min(...base);
    base[base.length - 1] = Math.min(base[base.length - 1] as number, ms);
    return Number.isFinite(usual) ? ms - usual : undefined;
  }

  /** Called once per admission window: every 10 s each source starts a new bucket, and the oldest goes. */
  rotate(): void {
    if (++this.windowsInBucket < WINDOWS_PER_BUCKET) return;
    this.windowsInBucket = 0;
    for (const base of this.bases.values()) {
      base.push(Infinity);
      if (base.length > BASE_BUCKETS) base.shift();
    }
  }
}
