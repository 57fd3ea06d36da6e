/** /healthz (process alive) and /readyz (every dependency answers). No key needed. */
import { Router } from 'express';

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
): Router {
  const r = Router();
  r.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', activeCalls: activeCalls() });
  });
  r.get('/readyz', async (_req, res) => {
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
    });
  });
  return r;
}
