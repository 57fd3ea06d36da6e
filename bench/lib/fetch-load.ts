/**
 * A third client: the platform's `fetch` (undici, keep-alive by default),
 * `connections` request loops bounded by duration and a request cap. It is the
 * heaviest per request of the three — closest to an application that calls Masq
 * from its own Node process — so the machine saturates on the client first.
 */
import type { LoadResult, LoadSpec } from './load.js';
import { runLoops } from './request-loops.js';

export function fetchLoad(spec: LoadSpec): Promise<LoadResult> {
  const base = new URL(spec.url);
  return runLoops(spec, async (n) => {
    try {
      const res = await fetch(new URL(n.path ?? base.pathname + base.search, base), {
        method: spec.method ?? 'GET',
        headers: spec.headers ?? {},
        ...(n.body !== undefined ? { body: n.body } : {}),
      });
      await res.arrayBuffer();
      return res.status;
    } catch {
      return undefined;
    }
  });
}
