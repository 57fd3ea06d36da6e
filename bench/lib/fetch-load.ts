/**
 * A third client: the platform's `fetch` (undici, keep-alive by default),
 * `connections` request loops bounded by duration and a request cap. It is the
 * heaviest per request of the three — closest to an application that calls Masq
 * from its own Node process — so the machine saturates on the client first.
 */
import { pct } from './processes.js';
import type { LoadResult, LoadSpec } from './load.js';

const MAX_REQUESTS = 2_000_000;

export async function fetchLoad(spec: LoadSpec): Promise<LoadResult> {
  const base = new URL(spec.url);
  const deadline = Date.now() + spec.durationS * 1000;
  const lat: number[] = [];
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  let sent = 0;

  const one = async (): Promise<void> => {
    const n = spec.next?.() ?? {};
    const t0 = process.hrtime.bigint();
    try {
      const res = await fetch(new URL(n.path ?? base.pathname + base.search, base), {
        method: spec.method ?? 'GET',
        headers: spec.headers ?? {},
        ...(n.body !== undefined ? { body: n.body } : {}),
      });
      await res.arrayBuffer();
      lat.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (res.status < 300) ok++;
      else non2xx++;
    } catch {
      errors++;
    }
  };

  const started = Date.now();
  await Promise.all(
    Array.from({ length: spec.connections }, async () => {
      while (Date.now() < deadline && sent < MAX_REQUESTS) {
        sent++;
        await one();
      }
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  lat.sort((a, b) => a - b);
  return { label: spec.label, rps: (ok + non2xx) / seconds, p50: pct(lat, 50), p99: pct(lat, 99), ok, errors, non2xx };
}
