/**
 * Per-minute call figures folded from events as they arrive, so the overview's
 * charts cover the whole window however many events there were (the raw events
 * kept in memory are capped; these bins are not).
 */

/** What one minute holds. */
export interface MinuteBin {
  completed: number;
  failed: number;
  /** Setup latencies (INVITE to ringing), ms; at most MAX_SAMPLES kept per minute. */
  latencies: number[];
  /** Failed calls by reason. */
  reasons: Record<string, number>;
}

/** The fields of an event the figures read. */
export interface EventLike {
  type: string;
  occurredAt: string;
  call?: unknown;
}

interface CallFields {
  startedAt?: string | null;
  ringingAt?: string | null;
  sipStatus?: number | null;
  endReason?: string | null;
}

const MAX_SAMPLES = 500;
/** Minutes kept. */
export const WINDOW_MINUTES = 60;

/** Minute (ms, floored) → bin. */
export type Bins = Map<number, MinuteBin>;

/**
 * Folds one event into `bins` (in place) and drops minutes older than the window.
 *
 * @example const bins: Bins = new Map(); addEvent(bins, e, Date.now());
 */
export function addEvent(bins: Bins, e: EventLike, now: number): void {
  if (!e.type.startsWith('call.')) return;
  const t = Date.parse(e.occurredAt);
  const minute = Math.floor(t / 60_000) * 60_000;
  if (minute < now - WINDOW_MINUTES * 60_000) return;
  let bin = bins.get(minute);
  if (!bin) {
    bin = { completed: 0, failed: 0, latencies: [], reasons: {} };
    bins.set(minute, bin);
    for (const k of bins.keys()) if (k < now - WINDOW_MINUTES * 60_000) bins.delete(k);
  }
  const c = (e.call ?? {}) as CallFields;
  if (e.type === 'call.completed') bin.completed++;
  if (e.type === 'call.failed') {
    bin.failed++;
    const why = c.endReason ?? (c.sipStatus ? `SIP ${c.sipStatus}` : 'unknown');
    bin.reasons[why] = (bin.reasons[why] ?? 0) + 1;
  }
  // Once per call: the ringing event carries both times.
  if (e.type === 'call.ringing' && c.startedAt && c.ringingAt && bin.latencies.length < MAX_SAMPLES) {
    bin.latencies.push(Date.parse(c.ringingAt) - Date.parse(c.startedAt));
  }
}

/** The q-th quantile of sorted values (null when empty). */
export function quantile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? null;
}

/** The series and totals the overview shows for the last `minutes` minutes up to `now`. */
export function summarize(bins: Bins, now: number, minutes: number) {
  const end = Math.floor(now / 60_000) * 60_000;
  const x: number[] = [];
  const completed: number[] = [];
  const failed: number[] = [];
  const latency: (number | null)[] = [];
  const all: number[] = [];
  const reasons = new Map<string, number>();
  for (let i = minutes - 1; i >= 0; i--) {
    const minute = end - i * 60_000;
    const b = bins.get(minute);
    x.push(minute / 1000);
    completed.push(b?.completed ?? 0);
    failed.push(b?.failed ?? 0);
    const l = b?.latencies ?? [];
    latency.push(l.length ? l.reduce((a, v) => a + v, 0) / l.length : null);
    all.push(...l);
    for (const [why, n] of Object.entries(b?.reasons ?? {})) reasons.set(why, (reasons.get(why) ?? 0) + n);
  }
  all.sort((a, b) => a - b);
  return {
    x,
    completed,
    failed,
    latency,
    p50: quantile(all, 0.5),
    p95: quantile(all, 0.95),
    total: { completed: completed.reduce((a, b) => a + b, 0), failed: failed.reduce((a, b) => a + b, 0) },
    reasons: [...reasons.entries()].sort((a, b) => b[1] - a[1]),
  };
}
