/** autocannon wrapper: bounded duration, keep-alive connections, one summary. */
import autocannon from 'autocannon';

export interface LoadResult {
  label: string;
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  errors: number;
  non2xx: number;
}

export interface LoadSpec {
  label: string;
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Builds each request's path and body, so every request can differ. */
  next?: () => { path?: string; body?: string };
  durationS: number;
  connections: number;
}

export async function load(spec: LoadSpec): Promise<LoadResult> {
  const next = spec.next;
  const result = await autocannon({
    url: spec.url,
    method: spec.method ?? 'GET',
    headers: spec.headers ?? {},
    duration: spec.durationS,
    connections: spec.connections,
    pipelining: 1,
    ...(next
      ? {
          requests: [
            {
              setupRequest: (req) => {
                const n = next();
                return { ...req, ...(n.path ? { path: n.path } : {}), ...(n.body !== undefined ? { body: n.body } : {}) };
              },
            },
          ],
        }
      : {}),
  });
  return {
    label: spec.label,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

export function fmt(r: LoadResult): string {
  return `${r.label.padEnd(22)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  2xx ${r.ok}  non-2xx ${r.non2xx}  errors ${r.errors}`;
}
