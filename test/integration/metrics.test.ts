/**
 * /metrics after real API traffic against a real redis-server: the figures move
 * with what happened, labels are route patterns and never phone numbers, and an
 * optional key of its own guards the endpoint.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TEST_KEY, startApp, useApp } from '../helpers/app.js';
import { numberLikeLabels, parseMetrics, scrape, valueOf } from '../helpers/metrics.js';

const ctx = useApp();

describe('/metrics', () => {
  it('counts API requests by route pattern and status, sessions and allocation failures, and reads pools and backlog at scrape', async () => {
    const { t } = ctx;
    const before = await scrape(t.baseUrl);
    expect(await t.api('POST', '/v1/pools', { id: 'metrics' })).toMatchObject({ status: 201 });
    await t.api('POST', '/v1/pools/metrics/numbers', { numbers: ['+12025550140', '+12025550141'] });
    const a = await t.api('POST', '/v1/sessions', { poolId: 'metrics', firstParty: '+14155550101', secondParty: '+14155550102', mode: 'dedicated' });
    const b = await t.api('POST', '/v1/sessions', { poolId: 'metrics', firstParty: '+14155550103', secondParty: '+14155550104', mode: 'dedicated' });
    expect([a.status, b.status]).toEqual([201, 201]);
    const refused = await t.api('POST', '/v1/sessions', { poolId: 'metrics', firstParty: '+14155550105', secondParty: '+14155550106', mode: 'dedicated' });
    expect(refused.body.error.code).toBe('pool_exhausted');
    await t.api('GET', `/v1/sessions/${a.body.id}`);
    await t.api('GET', '/v1/sessions/ses_nope');
    await t.api('DELETE', `/v1/sessions/${b.body.id}`);
    await t.api('GET', '/v1/resolve?from=%2B14155550101&to=%2B12025550140');
    const short = await t.api('POST', '/v1/sessions', { poolId: 'metrics', firstParty: '+14155550107', secondParty: '+14155550108', ttlSeconds: 1 });
    expect(short.status).toBe(201);
    await new Promise((r) => setTimeout(r, 1600)); // the sweeper expires it

    const m = await scrape(t.baseUrl);
    const delta = (name: string, labels: Record<string, string> = {}) => valueOf(m, name, labels) - valueOf(before, name, labels);
    expect(delta('masq_sessions_total', { event: 'created' })).toBe(3);
    expect(delta('masq_sessions_total', { event: 'closed' })).toBe(1);
    expect(delta('masq_sessions_total', { event: 'expired' })).toBe(1);
    expect(delta('masq_allocation_failures_total', { pool: 'metrics' })).toBe(1);
    expect(delta('masq_http_requests_total', { method: 'POST', route: '/v1/sessions', status: '201' })).toBe(3);
    expect(delta('masq_http_requests_total', { method: 'POST', route: '/v1/sessions', status: '409' })).toBe(1);
    expect(delta('masq_http_requests_total', { method: 'GET', route: '/v1/sessions/{sessionId}', status: '200' })).toBe(1);
    expect(delta('masq_http_requests_total', { method: 'GET', route: '/v1/sessions/{sessionId}', status: '404' })).toBe(1);
    expect(delta('masq_http_requests_total', { method: 'GET', route: '/v1/resolve', status: '200' })).toBe(1);
    expect(delta('masq_http_request_duration_seconds_count', { method: 'POST', route: '/v1/sessions' })).toBe(4);
    // Raw paths never become labels.
    expect(m.some((s) => s.labels.route?.includes(a.body.id as string))).toBe(false);
    // Redis: every command timed, scripts by name.
    expect(delta('masq_redis_command_duration_seconds_count', { connection: 'api', command: 'create_session' })).toBeGreaterThanOrEqual(4);
    // Read at scrape: one number bound (a), one free again (b closed, short expired).
    expect(valueOf(m, 'masq_pool_numbers', { pool: 'metrics', state: 'total' })).toBe(2);
    expect(valueOf(m, 'masq_pool_numbers', { pool: 'metrics', state: 'bound' })).toBe(1);
    expect(valueOf(m, 'masq_pool_numbers', { pool: 'metrics', state: 'free' })).toBe(1);
    expect(m.some((s) => s.name === 'masq_webhook_backlog' && s.labels.state === 'pending')).toBe(true);
    expect(m.some((s) => s.name === 'masq_webhook_dead_letters')).toBe(true);
    expect(valueOf(m, 'masq_calls_active')).toBe(0);
    expect(m.some((s) => s.name === 'process_resident_memory_bytes')).toBe(true);
    expect(numberLikeLabels(m)).toEqual([]);
  });

  it('counts Redis command errors while Redis is away, and serves the text format without an API key', async () => {
    const { t, redis } = ctx;
    const res = await fetch(`${t.baseUrl}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const before = valueOf(parseMetrics(await res.text()), 'masq_redis_command_errors_total', { connection: 'api' });
    await redis.kill();
    try {
      expect((await t.api('GET', '/v1/pools')).status).toBe(503);
      const during = await scrape(t.baseUrl); // still answers: pool gauges keep their last figures
      expect(valueOf(during, 'masq_redis_command_errors_total', { connection: 'api' })).toBeGreaterThan(before);
      expect(valueOf(during, 'masq_http_requests_total', { route: '/v1/pools', status: '503' })).toBe(1);
    } finally {
      await redis.restart();
    }
  });

  it('a pool named like a phone number is masked in its labels', async () => {
    const { t } = ctx;
    const create = await t.api('POST', '/v1/pools', { id: '14155550123' });
    if (create.status !== 201) return; // pool ids of that shape refused outright: nothing to mask
    await t.api('POST', '/v1/pools/14155550123/numbers', { numbers: ['+12025550150'] });
    expect(numberLikeLabels(await scrape(t.baseUrl))).toEqual([]);
  });

  it('with MASQ_METRICS_KEY, only that key reads it (not the API keys)', async () => {
    const key = 'metrics-key-0123456789';
    const other = await startApp(ctx.redis.url, { MASQ_METRICS_KEY: key });
    try {
      expect((await fetch(`${other.baseUrl}/metrics`)).status).toBe(401);
      expect((await fetch(`${other.baseUrl}/metrics`, { headers: { authorization: `Bearer ${TEST_KEY}` } })).status).toBe(401);
      expect(valueOf(await scrape(other.baseUrl, key), 'masq_calls_active')).toBe(0);
    } finally {
      await other.stop();
    }
  });

  it('MASQ_METRICS_ENABLED=false: no /metrics', async () => {
    const off = await startApp(ctx.redis.url, { MASQ_METRICS_ENABLED: 'false' });
    try {
      expect((await fetch(`${off.baseUrl}/metrics`)).status).toBe(404);
    } finally {
      await off.stop();
    }
  });

  it('the sample Grafana dashboard reads only metrics Masq exports', async () => {
    const dashboard = readFileSync(new URL('../../docker/grafana/masq-dashboard.json', import.meta.url), 'utf8');
    const used = new Set([...dashboard.matchAll(/\b((?:masq|nodejs|process)_[a-z0-9_]+)/g)].map((m) => (m[1] as string).replace(/_(bucket|count|sum)$/, '')));
    // Declared metrics (# TYPE lines): a labelled counter shows no sample before its first event.
    const text = await (await fetch(`${ctx.t.baseUrl}/metrics`)).text();
    const scraped = new Set([...text.matchAll(/^# TYPE (\S+)/gm)].map((m) => m[1] as string));
    // Gauges of parts this API-only app does not run are registered only with them.
    const conditional = new Set(['masq_drachtio_connected', 'masq_sip_admission_ratio', 'masq_media_server_connected', 'masq_overloaded']);
    expect([...used].filter((n) => !scraped.has(n) && !conditional.has(n))).toEqual([]);
    expect(used.size).toBeGreaterThan(15);
  });
});
