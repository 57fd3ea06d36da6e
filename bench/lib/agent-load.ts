/**
 * The other client: plain node:http with a keep-alive Agent, `connections`
 * request loops, bounded by duration and by a request cap. It costs more CPU per
 * request than autocannon, as a typical application client would.
 */
import http from 'node:http';
import type { LoadResult, LoadSpec } from './load.js';
import { runLoops } from './request-loops.js';

export async function agentLoad(spec: LoadSpec): Promise<LoadResult> {
  const url = new URL(spec.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.connections });
  try {
    return await runLoops(
      spec,
      (n) =>
        new Promise((resolve) => {
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
              res.on('end', () => resolve(res.statusCode ?? 0));
            },
          );
          req.on('error', () => resolve(undefined));
          req.end(n.body);
        }),
    );
  } finally {
    agent.destroy();
  }
}
