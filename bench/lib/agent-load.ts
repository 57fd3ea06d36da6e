/**
 * The other client: plain node:http with a keep-alive Agent, `connections`
 * request loops, bounded by duration and by a request cap. It costs more CPU per
 * request than autocannon, as a typical application client would.
 */
import http from 'node:http';
import { pct } from './processes.js';
import type { LoadResult, LoadSpec } from './load.js';

const MAX_REQUESTS = 2_000_000;

export async function agentLoad(spec: LoadSpec): Promise<LoadResult> {
  const url = new URL(spec.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.connections });
  const deadline = Date.now() + spec.durationS * 1000;
  const lat: number[] = [];
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  let sent = 0;

  const one = (): Promise<void> =>
    new Promise((resolve) => {
      const n = spec.next?.() ?? {};
      const t0 = process.hrtime.bigint();
      const req = http.request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method: spec.method ?? 'GET',
          path: n.path ?? url.pathname + url.search,
          headers: { ...spec.headers, ...(n.body !== undefined ? { 'content-length': Buffer.byteLength(n.body) } : {}) },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            lat.push(Number(process.hrtime.bigint() - t0) / 1e6);
            if (res.statusCode && res.statusCode < 300) ok++;
            else non2xx++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(n.body);
    });

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
  agent.destroy();
  lat.sort((a, b) => a - b);
  return { label: spec.label, rps: (ok + non2xx) / seconds, p50: pct(lat, 50), p99: pct(lat, 99), ok, errors, non2xx };
}
