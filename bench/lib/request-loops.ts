/**
 * What the hand-written clients share: `connections` request loops bounded by
 * duration and by a request cap, latency and status counting, one result.
 */
import { pct } from './processes.js';
import type { LoadResult, LoadSpec } from './load.js';

const MAX_REQUESTS = 2_000_000;

/** Sends one request built from `next()`; resolves to its HTTP status, or undefined when it failed. */
export type SendOne = (n: { path?: string; body?: string }) => Promise<number | undefined>;

export async function runLoops(spec: LoadSpec, send: SendOne): Promise<LoadResult> {
  const deadline = Date.now() + spec.durationS * 1000;
  const lat: number[] = [];
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  let sent = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: spec.connections }, async () => {
      while (Date.now() < deadline && sent < MAX_REQUESTS) {
        sent++;
        const t0 = process.hrtime.bigint();
        const status = await send(spec.next?.() ?? {});
        if (status === undefined) {
          errors++;
          continue;
        }
        lat.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (status < 300) ok++;
        else non2xx++;
      }
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  lat.sort((a, b) => a - b);
  return { label: spec.label, rps: (ok + non2xx) / seconds, p50: pct(lat, 50), p99: pct(lat, 99), ok, errors, non2xx };
}
