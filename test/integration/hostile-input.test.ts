/**
 * Hostile input, property-based (fast-check): for every route of the OpenAPI
 * document, generated path values, query strings and bodies — wrong types, huge
 * and deeply nested values, invalid UTF-8 and percent-encodings, unknown fields,
 * prototype keys, Unicode digits, numbers with spaces and punctuation — get a 4xx
 * with the standard error body (or a success), never a 5xx or a hang, and what an
 * earlier valid request created is unchanged afterwards.
 */
import { request } from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { useApp } from '../helpers/app.js';

const ctx = useApp();

interface Sent {
  status: number;
  body: string;
}

/** Sends bytes as they are (node:http, no URL normalisation), bounded in time. */
function send(method: string, path: string, body?: Buffer, headers: Record<string, string> = {}): Promise<Sent> {
  const url = new URL(ctx.t.baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, method, path, headers: { authorization: 'Bearer test-key-0123456789abcdef', ...(body ? { 'content-type': 'application/json', 'content-length': String(body.length) } : {}), ...headers } },
      (res) => {
        // An event stream that opened has answered: it never ends by itself, so hang up.
        if (res.statusCode === 200 && String(res.headers['content-type']).startsWith('text/event-stream')) {
          resolve({ status: 200, body: '' });
          req.destroy();
          return;
        }
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.setTimeout(5000, () => req.destroy(new Error(`${method} ${path}: no answer in 5 s (a hang)`)));
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

/** Makes any string sendable as raw path bytes, keeping every `%` as it is (broken encodings included). */
const rawPath = (v: string) =>
  v.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@%]/gu, (c) => [...Buffer.from(c, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join(''));

const HOSTILE_STRINGS = [
  '%', '%Z', '%ZZ', '%E0%A4%A', '%C3%28', '%FF%FE', '%00', '%2F..%2F', '%%41', '+1 (415) 555-0123', '+1.415.555.0123',
  '+１４１５５５５０１２３', '٠١٢٣٤٥٦٧٨٩', '१२३४५६७८९०', '__proto__', 'constructor', 'prototype', 'toString',
  '', ' ', '\u0000', '\ud800', '😀'.repeat(50), 'x'.repeat(10_000), '-1', '1e309', 'NaN', 'null', 'true', '[]', '{}',
];

const hostileString = fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ maxLength: 40 }), fc.fullUnicodeString({ maxLength: 20 }));

function nest(depth: number): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

const FIELDS = ['poolId', 'firstParty', 'secondParty', 'ttlSeconds', 'mode', 'metadata', 'clientReference', 'callbackUrl', 'numbers', 'id', 'description', 'healthy', 'events', 'ringTimeoutSeconds', 'callTimeLimitSeconds', 'callbackEvents', 'number', 'capabilities', 'region', 'status'];

const wrongTyped = fc.dictionary(fc.constantFrom(...FIELDS, '__proto__', 'constructor'), fc.oneof(fc.jsonValue({ maxDepth: 3 }), hostileString, fc.constant(nest(300))), { maxKeys: 8 });

const bodyBytes: fc.Arbitrary<Buffer> = fc.oneof(
  wrongTyped.map((o) => Buffer.from(JSON.stringify(o))),
  fc.jsonValue({ maxDepth: 6 }).map((v) => Buffer.from(JSON.stringify(v))),
  fc.constant(Buffer.from(`${'{"a":['.repeat(5000)}1${']}'.repeat(5000)}`)),
  fc.constant(Buffer.from('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}')),
  fc.constant(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])),
  fc.constant(Buffer.from('{"firstParty":')),
  fc.constant(Buffer.from(JSON.stringify({ numbers: Array.from({ length: 20_000 }, (_, i) => `+1202555${String(i).padStart(4, '0')}`) }))),
  fc.string({ maxLength: 200 }).map((s) => Buffer.from(s)),
);

const query = fc.dictionary(hostileString, hostileString, { maxKeys: 4 }).map((q) =>
  Object.entries(q)
    .map(([k, v]) => `${rawPath(k)}=${rawPath(v)}`)
    .join('&'),
);

interface Route {
  method: string;
  template: string;
}

function expectHandled(r: Sent, what: string): void {
  expect(r.status, `${what} → ${r.status} ${r.body.slice(0, 300)}`).toBeLessThan(500);
  if (r.status >= 400) {
    const parsed = JSON.parse(r.body) as { error?: { code?: unknown; message?: unknown } };
    expect(typeof parsed.error?.code, `${what}: error body`).toBe('string');
    expect(typeof parsed.error?.message, `${what}: error body`).toBe('string');
  }
}

describe('hostile input on every route', () => {
  let routes: Route[] = [];
  let sessionId = '';
  const snapshot = async () =>
    JSON.stringify([
      (await ctx.t.api('GET', '/v1/pools/hostile')).body,
      (await ctx.t.api('GET', '/v1/pools/hostile/numbers')).body,
      (await ctx.t.api('GET', `/v1/sessions/${sessionId}`)).body,
    ]);

  beforeAll(async () => {
    const doc = (await (await fetch(`${ctx.t.baseUrl}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    routes = Object.entries(doc.paths).flatMap(([template, ops]) =>
      Object.keys(ops)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => ({ method: m.toUpperCase(), template })),
    );
    expect(await ctx.t.api('POST', '/v1/pools', { id: 'hostile' })).toMatchObject({ status: 201 });
    await ctx.t.api('POST', '/v1/pools/hostile/numbers', { numbers: ['+12025550170', '+12025550171'] });
    const s = await ctx.t.api('POST', '/v1/sessions', { poolId: 'hostile', firstParty: '+14155550170', secondParty: '+12125550170' });
    expect(s.status).toBe(201);
    sessionId = s.body.id as string;
  });

  it('knows the routes it fuzzes', () => {
    expect(routes.length).toBeGreaterThan(15);
  });

  it('answers every generated request with a success or a 4xx in the error shape, and keeps earlier state', async () => {
    const before = await snapshot();
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(fc.array(hostileString, { minLength: 3, maxLength: 3 }), query, bodyBytes, async (values, q, body) => {
          let i = 0;
          const path = route.template.replace(/\{[^}]+\}/g, () => rawPath(values[i++] ?? ''));
          const target = q ? `${path}?${q}` : path;
          const r = await send(route.method, target, ['POST', 'PUT', 'PATCH'].includes(route.method) ? body : undefined);
          expectHandled(r, `${route.method} ${target.slice(0, 120)}`);
        }),
        { numRuns: 25, seed: 20261130 },
      );
    }
    expect(await snapshot()).toBe(before);
    // Nothing leaked onto the prototypes of the running process.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 120_000);

  it('answers a broken percent-encoding in a number path parameter 400, not 500', async () => {
    for (const bad of ['%E0%A4%A', '%ZZ', '%C3%28', '%']) {
      const r = await send('GET', `/v1/pools/hostile/numbers/${bad}`);
      expect(r.status, bad).toBe(400);
      expect(JSON.parse(r.body)).toMatchObject({ error: { code: 'malformed_request' } });
      expectHandled(await send('DELETE', `/v1/sessions/${bad}`), `DELETE /v1/sessions/${bad}`);
    }
  });

  it('bounds metadata depth explicitly: 8 levels are kept, 9 are a 400 naming the field', async () => {
    const deep = (levels: number): Record<string, unknown> => {
      let v: Record<string, unknown> = { leaf: 1 };
      for (let i = 1; i < levels; i++) v = { d: v };
      return v;
    };
    const body = (metadata: unknown, n: number) => ({ poolId: 'hostile', firstParty: `+1415555018${n}`, secondParty: `+1212555018${n}`, metadata });
    expect((await ctx.t.api('POST', '/v1/sessions', body(deep(8), 1))).status).toBe(201);
    const r = await ctx.t.api('POST', '/v1/sessions', body(deep(9), 2));
    expect(r.status).toBe(400);
    expect(r.body.error.details).toEqual([expect.objectContaining({ field: 'metadata' })]);
  });
});
