/** /healthz (process alive) and /readyz (every dependency answers). No key needed. */
import { healthResponse, readinessResponse } from '../responses.js';
import { route, type Route } from '../route.js';

/** A named dependency probe; rejects when the dependency is unusable. */
export type ReadinessCheck = () => Promise<void>;

const CHECK_TIMEOUT_MS = 1000;

function withTimeout(p: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    p.then(
      () => (clearTimeout(t), resolve()),
      (err: unknown) => (clearTimeout(t), reject(err instanceof Error ? err : new Error(String(err)))),
    );
  });
}

/** /healthz (the process answers) and /readyz (every dependency answers); no key needed. */
export function healthRoutes(
  checks: Readonly<Record<string, ReadinessCheck>>,
  isDraining: () => boolean,
  activeCalls: () => number,
  info: Readonly<Record<string, () => unknown>> = {},
): Route[] {
  return [
    route({
      method: 'get', path: '/healthz', operationId: 'getHealth', summary: 'Process alive', tag: 'health', auth: false,
      ok: { status: 200, schema: healthResponse, description: 'Alive' }, errors: [],
      handle: ({ res }) => {
        res.json({ status: 'ok', activeCalls: activeCalls() });
      },
    }),
    route({
      method: 'get', path: '/readyz', operationId: 'getReadiness', summary: 'Dependencies reachable', tag: 'health', auth: false,
      ok: { status: 200, schema: readinessResponse, description: 'Ready' },
      also: [{ status: 503, schema: readinessResponse, description: 'Not ready: names the failed dependency, or draining' }], errors: [],
      handle: async ({ res }) => {
        const names = Object.keys(checks);
        const results = await Promise.allSettled(names.map((n) => withTimeout((checks[n] as ReadinessCheck)(), CHECK_TIMEOUT_MS)));
        const out: Record<string, { status: 'up' | 'down'; error?: string }> = {};
        results.forEach((r, i) => {
          out[names[i] as string] = r.status === 'fulfilled' ? { status: 'up' } : { status: 'down', error: (r.reason as Error).message };
        });
        const down = names.filter((n) => out[n]?.status === 'down');
        const draining = isDraining();
        const ready = down.length === 0 && !draining;
        res.status(ready ? 200 : 503).json({
          status: ready ? 'ready' : 'unavailable',
          ...(down.length ? { failed: down } : {}),
          ...(draining ? { draining: true } : {}),
          checks: out,
          ...Object.fromEntries(Object.entries(info).map(([k, f]) => [k, f()])),
        });
      },
    }),
  ];
}
