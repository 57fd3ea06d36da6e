/**
 * The OpenAPI document, the routes Express serves and the bodies handlers send
 * agree: a route added, removed or renamed on one side only fails here, and so
 * does a response whose shape drifts from its declared schema.
 */
import { describe, expect, it } from 'vitest';
import type { Express } from 'express';
import { TEST_KEY, useApp } from '../helpers/app.js';
import type { Route } from '../../src/http/route.js';

const ctx = useApp();

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** "METHOD /path/{param}" for every route in the app. */
function servedRoutes(app: Express): string[] {
  const out: string[] = [];
  for (const layer of (app as unknown as { router: { stack: Layer[] } }).router.stack) {
    if (!layer.route) continue;
    for (const [m, on] of Object.entries(layer.route.methods)) if (on && m !== '_all') out.push(`${m.toUpperCase()} ${layer.route.path}`);
  }
  return out.map((r) => r.replace(/:(\w+)/g, '{$1}')).sort();
}

const routes = (): Route[] => ctx.t.app.http.locals.routes as Route[];

/** The declared route a concrete request path falls under. */
function routeFor(method: string, path: string): Route {
  const found = routes().find(
    (r) => r.method === method.toLowerCase() && new RegExp(`^${r.path.replace(/\{\w+\}/g, '[^/]+')}$`).test(path.split('?')[0] ?? ''),
  );
  if (!found) throw new Error(`no declared route for ${method} ${path}`);
  return found;
}

/** Calls the API and checks the answer against the schema its route declares for that status. */
async function conforming(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await ctx.t.api(method, path, body, Buffer.isBuffer(body) ? { 'content-type': 'audio/wav' } : {});
  const r = routeFor(method, path);
  const declared = [r.ok, ...(r.also ?? [])].find((a) => a.status === res.status);
  expect(declared, `${method} ${path} answered ${res.status}, which its route does not declare`).toBeDefined();
  if (declared?.contentType) expect(res.headers.get('content-type')).toContain(declared.contentType);
  if (declared?.schema) {
    const check = declared.schema.safeParse(res.body);
    expect(check.success ? [] : check.error.issues, `${method} ${path} → ${res.status}`).toEqual([]);
  }
  return res;
}

describe('OpenAPI against the routes served', () => {
  it('documents exactly the routes Express serves', async () => {
    const doc = (await (await fetch(`${ctx.t.baseUrl}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m)).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    const served = servedRoutes(ctx.t.app.http).filter((r) => !/ \/(docs|docs\/scalar\.js|openapi\.json)$/.test(r));
    expect(served.length).toBeGreaterThan(15);
    expect(served).toEqual(documented);
  });

  it('sends, on every route, bodies that match the schema the document declares', async () => {
    const exercised = new Set<Route>();
    const call = async (method: string, path: string, body?: unknown) => {
      exercised.add(routeFor(method, path));
      return conforming(method, path, body);
    };
    await call('POST', '/v1/pools', { id: 'shape', description: 'shapes' });
    await call('GET', '/v1/pools');
    await call('POST', '/v1/pools/shape/numbers', { numbers: ['+12025550140', '+12025550141', 'nonsense'] });
    await call('GET', '/v1/pools/shape/numbers');
    await call('PATCH', '/v1/pools/shape/numbers/+12025550141', { healthy: true, cooloffUntil: null });
    await call('GET', '/v1/pools/shape/numbers/+12025550141');
    const s = await call('POST', '/v1/sessions', {
      poolId: 'shape', firstParty: '+14155550171', secondParty: '+14155550172', ttlSeconds: 600,
      metadata: { order: 'A-1' }, clientReference: 'shape-1', callbackEvents: ['call.completed'],
    });
    const id = s.body.id as string;
    await call('GET', '/v1/sessions?clientReference=shape-1');
    await call('GET', `/v1/sessions/${id}`);
    await call('PATCH', `/v1/sessions/${id}`, { ttlSeconds: 900, record: true });
    await call('GET', `/v1/resolve?from=%2B14155550171&to=${encodeURIComponent(s.body.firstParty.proxyNumber)}`);
    await call('GET', `/v1/sessions/${id}/calls`);
    await call('GET', '/v1/calls');
    await call('GET', `/v1/calls?outcome=completed&direction=first-to-second&since=2026-12-01T00:00:00Z&sessionId=${id}&limit=5`);
    // No SIP side here: request-a-call answers 503 with nothing rung (its 202 is checked in e2e/request-a-call).
    const refused = await ctx.t.api('POST', `/v1/sessions/${id}/calls`, { to: 'firstParty' });
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ error: { code: 'sip_unavailable' } });
    await call('GET', `/v1/events?sessionId=${id}`);
    await call('GET', '/v1/events');
    {
      // The live stream never ends by itself: check its status and media type, then hang up.
      const ctrl = new AbortController();
      const res = await fetch(`${ctx.t.baseUrl}/v1/events/stream`, { headers: { authorization: `Bearer ${TEST_KEY}` }, signal: ctrl.signal });
      const r = routeFor('GET', '/v1/events/stream');
      exercised.add(r);
      expect(res.status).toBe(r.ok.status);
      expect(res.headers.get('content-type')).toContain(r.ok.contentType);
      ctrl.abort();
    }
    await call('GET', '/v1/webhooks/stats');
    await call('GET', '/v1/webhooks/dead');
    await ctx.t.store().routing.record({ callId: 'c_shape', at: Date.now(), reason: 'not_in_session', sessionId: null, action: 'dial', target: '+1415*****23', callerId: '+1202*****00', ms: 41 });
    await ctx.t.store().routing.record({ callId: 'c_shape2', at: Date.now(), reason: 'session_closed', sessionId: 's_x', action: 'default', why: 'HTTP 500', ms: 3 });
    await call('GET', '/v1/routing/decisions');
    const drained = await call('DELETE', `/v1/pools/shape/numbers/${encodeURIComponent(s.body.firstParty.proxyNumber)}?drain=true`);
    expect(drained.status).toBe(202);
    await call('DELETE', `/v1/sessions/${id}`);
    await call('GET', '/healthz');
    await call('GET', '/readyz');
    await call('DELETE', '/v1/pools/shape/numbers/+12025550141');
    // The call record and dead-letter retry routes: their unknown-id answers are errors (checked by hostile-input).
    expect((await ctx.t.api('GET', '/v1/calls/c_unknown')).status).toBe(404);
    expect((await ctx.t.api('POST', '/v1/webhooks/dead/1-0/retry')).status).toBe(404);
    await call('GET', '/v1/pools/shape');
    const wav = Buffer.concat([Buffer.from('RIFF\x34\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00\x01\x00\x40\x1f\x00\x00\x80\x3e\x00\x00\x02\x00\x10\x00data\x10\x00\x00\x00', 'latin1'), Buffer.alloc(16)]);
    const upload = await call('POST', '/v1/prompts?name=shape', wav);
    await call('PUT', '/v1/prompts/shape-prompt', wav);
    await call('PATCH', '/v1/pools/shape', { description: 'renamed', announcements: { notInSession: 'shape-prompt' } });
    await call('GET', '/v1/prompts');
    await call('GET', `/v1/prompts/${upload.body.id as string}`);
    await call('DELETE', `/v1/prompts/${upload.body.id as string}`);
    await call('DELETE', '/v1/pools/shape');
    await call('DELETE', '/v1/prompts/shape-prompt');
    await call('GET', '/metrics');
    const missing = routes().filter((r) => !exercised.has(r)).map((r) => `${r.method.toUpperCase()} ${r.path}`);
    // Record-bound routes answer errors for unknown ids here (their successes are checked in calls/recordings tests).
    expect((await ctx.t.api('GET', '/v1/recordings/c_unknown')).status).toBe(404);
    expect(missing).toEqual(['POST /v1/sessions/{sessionId}/calls', 'GET /v1/calls/{callId}', 'POST /v1/webhooks/dead/{eventId}/retry', 'GET /v1/recordings/{callId}', 'DELETE /v1/recordings/{callId}']);
  });
});
