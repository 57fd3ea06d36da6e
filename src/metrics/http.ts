/** The HTTP side of the metrics: per-request counts and times, and the /metrics route. */
import { timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { Unauthorized } from '../errors.js';
import { route, type Route } from '../http/route.js';
import type { RequestDone } from '../http/middleware/request-log.js';
import type { Metrics } from './metrics.js';

/**
 * Counts and times a finished request under its route pattern
 * (`/v1/sessions/{sessionId}`), never the raw path: ids and numbers in paths
 * would make a label per value.
 */
export function countRequests(metrics: Metrics): RequestDone {
  // Children cached per label set: the label hashing would otherwise run on every request.
  const counters = new Map<string, { inc(): void }>();
  const timers = new Map<string, { observe(v: number): void }>();
  const patterns = new Map<string, string>();
  return (req: Request, res: Response, seconds: number) => {
    const path = (req.route as { path?: unknown } | undefined)?.path;
    let route = 'unmatched';
    if (typeof path === 'string') {
      const known = patterns.get(path);
      route = known ?? path.replace(/:(\w+)/g, '{$1}');
      if (known === undefined) patterns.set(path, route);
    }
    const timerKey = `${req.method} ${route}`;
    const counterKey = `${timerKey} ${res.statusCode}`;
    let counter = counters.get(counterKey);
    if (!counter) counters.set(counterKey, (counter = metrics.httpRequests.labels(req.method, route, String(res.statusCode))));
    let timer = timers.get(timerKey);
    if (!timer) timers.set(timerKey, (timer = metrics.httpDuration.labels(req.method, route)));
    counter.inc();
    timer.observe(seconds);
  };
}

function sameKey(given: string, key: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(key);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** GET /metrics: Prometheus text format; with `key`, only for `Authorization: Bearer <key>` (the API keys do not open it). */
export function metricsRoute(metrics: Metrics, key: string | undefined): Route {
  return route({
    method: 'get', path: '/metrics', operationId: 'getMetrics', summary: 'Prometheus metrics (text format)', tag: 'health', auth: false,
    // 401 only when MASQ_METRICS_KEY is set; documented always, so the document does not depend on it.
    ok: { status: 200, contentType: 'text/plain', description: 'Metrics in the Prometheus text exposition format' }, errors: [401],
    handle: async ({ req, res }) => {
      if (key) {
        const given = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
        if (!given || !sameKey(given, key)) throw new Unauthorized();
      }
      res.type(metrics.contentType).send(await metrics.scrape());
    },
  });
}
