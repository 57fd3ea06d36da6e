import { describe, expect, it } from 'vitest';
import { useApp, TEST_KEY } from '../helpers/app.js';

const ctx = useApp({});

const ALICE = '+14155550123'; // San Francisco
const BOB = '+12125550199'; // New York

async function pool(id: string, numbers: unknown[]): Promise<void> {
  expect((await ctx.t.api('POST', '/v1/pools', { id })).status).toBe(201);
  if (numbers.length) expect((await ctx.t.api('POST', `/v1/pools/${id}/numbers`, { numbers })).status).toBe(200);
}

describe('health and docs (no key)', () => {
  it('answers /healthz, /readyz, /openapi.json and /docs without a key', async () => {
    expect((await fetch(`${ctx.t.baseUrl}/healthz`)).status).toBe(200);
    const ready = await fetch(`${ctx.t.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { redis: { status: 'up' } } });
    const doc = (await (await fetch(`${ctx.t.baseUrl}/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/sessions', '/v1/sessions/{sessionId}', '/v1/resolve', '/v1/pools/{poolId}/numbers']));
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['Session', 'CreateSession', 'Error']));
    const html = await (await fetch(`${ctx.t.baseUrl}/docs`)).text();
    expect(html).toContain('/openapi.json');
  });
});

describe('authentication', () => {
  it('refuses /v1 without a key or with a wrong one', async () => {
    const none = await fetch(`${ctx.t.baseUrl}/v1/pools`);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: { code: 'unauthorized' } });
    expect((await ctx.t.api('GET', '/v1/pools', undefined, { authorization: `Bearer ${TEST_KEY}x` })).status).toBe(401);
    expect((await ctx.t.api('GET', '/v1/pools', undefined, { authorization: `Basic ${TEST_KEY}` })).status).toBe(401);
  });
});

describe('pools and numbers', () => {
  it('creates, counts, lists and refuses duplicates', async () => {
    await pool('p-basic', ['+12025550100', { number: '+12025550101', capabilities: ['voice', 'sms'] }, 'nope', '+12025550100']);
    const again = await ctx.t.api('POST', '/v1/pools', { id: 'p-basic' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('pool_exists');
    const p = await ctx.t.api('GET', '/v1/pools/p-basic');
    expect(p.body.counts).toEqual({ numbers: 2, healthy: 2, inUse: 0, available: 2, openSessions: 0 });
    const r = await ctx.t.api('POST', '/v1/pools/p-basic/numbers', { numbers: ['+12025550100', '202-555-0102', 'x'] });
    expect(r.body).toEqual({ added: 1, duplicates: 1, invalid: [{ index: 2, value: 'x', message: 'not a valid phone number' }] });
    const page1 = await ctx.t.api('GET', '/v1/pools/p-basic/numbers?limit=2');
    expect(page1.body.items.map((n: { number: string }) => n.number)).toEqual(['+12025550100', '+12025550101']);
    const page2 = await ctx.t.api('GET', `/v1/pools/p-basic/numbers?limit=2&cursor=${encodeURIComponent(page1.body.nextCursor)}`);
    expect(page2.body).toMatchObject({ items: [{ number: '+12025550102', country: 'US', region: '202', healthy: true }], nextCursor: null });
  });

  it('validates pool ids and bulk size', async () => {
    const bad = await ctx.t.api('POST', '/v1/pools', { id: '../x', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['extra', 'id']);
    const many = Array.from({ length: 10_001 }, (_, i) => `+1202555${String(i).padStart(4, '0')}`);
    const tooMany = await ctx.t.api('POST', '/v1/pools/p-basic/numbers', { numbers: many });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.details[0].field).toBe('numbers');
    expect((await ctx.t.api('POST', '/v1/pools/nope/numbers', { numbers: ['+12025550109'] })).status).toBe(404);
  });

  it('takes unhealthy and cooling-off numbers out of allocation', async () => {
    await pool('p-health', ['+13035550100', '+13035550101']);
    const sick = await ctx.t.api('PATCH', `/v1/pools/p-health/numbers/${encodeURIComponent('+13035550100')}`, { healthy: false });
    expect(sick.body).toMatchObject({ healthy: false });
    const until = new Date(Date.now() + 60_000).toISOString();
    const cool = await ctx.t.api('PATCH', `/v1/pools/p-health/numbers/${encodeURIComponent('+13035550101')}`, { cooloffUntil: until });
    expect(cool.body.cooloffUntil).toBe(until);
    const none = await ctx.t.api('POST', '/v1/sessions', { poolId: 'p-health', firstParty: ALICE, secondParty: BOB });
    expect(none.status).toBe(409);
    expect(none.body.error.code).toBe('pool_exhausted');
    await ctx.t.api('PATCH', `/v1/pools/p-health/numbers/${encodeURIComponent('+13035550101')}`, { cooloffUntil: null });
    const ok = await ctx.t.api('POST', '/v1/sessions', { poolId: 'p-health', firstParty: ALICE, secondParty: BOB });
    expect(ok.status).toBe(201);
    expect(ok.body.firstParty.proxyNumber).toBe('+13035550101');
  });

  it('refuses to delete a bound number unless drained, then deletes it when its session ends', async () => {
    await pool('p-drain', ['+13125550100']);
    const s = await ctx.t.api('POST', '/v1/sessions', { poolId: 'p-drain', firstParty: ALICE, secondParty: BOB });
    const path = `/v1/pools/p-drain/numbers/${encodeURIComponent('+13125550100')}`;
    const refused = await ctx.t.api('DELETE', path);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('number_in_use');
    expect((await ctx.t.api('DELETE', '/v1/pools/p-drain')).status).toBe(409);
    const drained = await ctx.t.api('DELETE', `${path}?drain=true`);
    expect(drained).toMatchObject({ status: 202, body: { status: 'draining', bindings: 2 } });
    expect((await ctx.t.api('GET', path)).body.draining).toBe(true);
    expect((await ctx.t.api('POST', '/v1/sessions', { poolId: 'p-drain', firstParty: '+14155550124', secondParty: BOB })).status).toBe(409);
    await ctx.t.api('DELETE', `/v1/sessions/${s.body.id}`);
    expect((await ctx.t.api('GET', path)).status).toBe(404);
    expect(await ctx.db.exists('masq:num:+13125550100')).toBe(0);
    expect((await ctx.t.api('DELETE', '/v1/pools/p-drain')).status).toBe(204);
    expect((await ctx.t.api('GET', '/v1/pools/p-drain')).status).toBe(404);
    expect(await ctx.db.keys('masq:pool:p-drain*')).toEqual([]);
  });
});

describe('sessions', () => {
  it('creates a shared session, geo-matched to the first party, and routes both ways', async () => {
    await pool('p-geo', ['+12025550170', '+14155550170', '+12125550170']);
    // A built-in prompt: present from start-up on.
    for (let i = 0; i < 50 && (await ctx.t.api('GET', '/v1/prompts?limit=200')).body.items.length < 4; i++) await new Promise((r) => setTimeout(r, 50));
    const res = await ctx.t.api('POST', '/v1/sessions', {
      poolId: 'p-geo',
      firstParty: ALICE,
      secondParty: '(212) 555-0199',
      ttlSeconds: 600,
      record: true,
      ringTimeoutSeconds: 30,
      callTimeLimitSeconds: 3600,
      announcements: { firstParty: 'masq-recording-notice' },
      recordingChannels: 'dual',
      callbackUrl: 'https://hooks.example/masq',
      metadata: { orderId: 'A-1' },
      clientReference: 'ride-42',
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/v1/sessions/${res.body.id}`);
    expect(res.body).toMatchObject({
      status: 'open',
      poolId: 'p-geo',
      mode: 'shared',
      firstParty: { number: ALICE, proxyNumber: '+14155550170' },
      secondParty: { number: BOB, proxyNumber: '+14155550170' },
      ttlSeconds: 600,
      record: true,
      ringTimeoutSeconds: 30,
      callTimeLimitSeconds: 3600,
      announcements: { firstParty: 'masq-recording-notice' },
      recordingChannels: 'dual',
      metadata: { orderId: 'A-1' },
      clientReference: 'ride-42',
      stats: { callCount: 0, totalDurationSeconds: 0, lastCallAt: null },
    });
    expect(Date.parse(res.body.expiresAt) - Date.parse(res.body.createdAt)).toBe(600_000);

    // Bob is in New York: his next session with someone else prefers a 212 number.
    const bob2 = await ctx.t.api('POST', '/v1/sessions', { poolId: 'p-geo', firstParty: BOB, secondParty: '+13055550100' });
    expect(bob2.body.firstParty.proxyNumber).toBe('+12125550170');

    const fromAlice = await ctx.t.api('GET', `/v1/resolve?from=${encodeURIComponent(ALICE)}&to=${encodeURIComponent('+14155550170')}`);
    expect(fromAlice.body).toEqual({
      sessionId: res.body.id,
      status: 'open',
      target: BOB,
      callerId: '+14155550170',
      direction: 'first-to-second',
      ringTimeoutSeconds: 30,
      callTimeLimitSeconds: 3600,
    });
    const fromBob = await ctx.t.api('GET', `/v1/resolve?from=${encodeURIComponent(BOB)}&to=${encodeURIComponent('+14155550170')}`);
    expect(fromBob.body).toMatchObject({ target: ALICE, direction: 'second-to-first' });
    const stranger = await ctx.t.api('GET', `/v1/resolve?from=${encodeURIComponent('+13055550111')}&to=${encodeURIComponent('+14155550170')}`);
    expect(stranger).toMatchObject({ status: 404, body: { error: { code: 'not_in_session' } } });
    const notVirtual = await ctx.t.api('GET', `/v1/resolve?from=${encodeURIComponent(ALICE)}&to=${encodeURIComponent('+13055550111')}`);
    expect(notVirtual).toMatchObject({ status: 404, body: { error: { code: 'number_not_found' } } });
    const badQuery = await ctx.t.api('GET', '/v1/resolve?from=123&to=');
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['from', 'to']);

    // The session is stored with exactly its two bindings.
    expect(await ctx.db.hget('masq:vb:+14155550170', ALICE)).toBe(res.body.id);
    expect(await ctx.db.hget('masq:vb:+14155550170', BOB)).toBe(res.body.id);
  });

  it('gives each party its own number in per-participant mode, and a whole number in dedicated mode', async () => {
    await pool('p-modes', ['+16175550100', '+16175550101', '+16175550102']);
    const pp = await ctx.t.api('POST', '/v1/sessions', { poolId: 'p-modes', mode: 'per-participant', firstParty: ALICE, secondParty: BOB });
    expect(pp.status).toBe(201);
    const { firstParty: a, secondParty: b } = pp.body;
    expect(a.proxyNumber).not.toBe(b.proxyNumber);
    const call = await ctx.t.api('GET', `/v1/resolve?from=${encodeURIComponent(ALICE)}&to=${encodeURIComponent(a.proxyNumber)}`);
    expect(call.body).toMatchObject({ target: BOB, callerId: b.proxyNumber });
    // Bob dialling Alice's number is not a route.
    expect((await ctx.t.api('GET', `/v1/resolve?from=${encodeURIComponent(BOB)}&to=${encodeURIComponent(a.proxyNumber)}`)).status).toBe(404);

    const ded = await ctx.t.api('POST', '/v1/sessions', { poolId: 'p-modes', mode: 'dedicated', firstParty: '+13055550100', secondParty: '+13055550101' });
    expect(ded.status).toBe(201);
    const dn = ded.body.firstParty.proxyNumber;
    expect([a.proxyNumber, b.proxyNumber]).not.toContain(dn);
    expect((await ctx.t.api('GET', `/v1/pools/p-modes/numbers/${encodeURIComponent(dn)}`)).body.dedicatedSessionId).toBe(ded.body.id);
    // No idle number left for another dedicated session; shared sessions avoid the dedicated one.
    expect((await ctx.t.api('POST', '/v1/sessions', { poolId: 'p-modes', mode: 'dedicated', firstParty: '+13055550102', secondParty: '+13055550103' })).status).toBe(409);
    const shared = await ctx.t.api('POST', '/v1/sessions', { poolId: 'p-modes', firstParty: '+13055550102', secondParty: '+13055550103' });
    expect(shared.body.firstParty.proxyNumber).not.toBe(dn);
  });

  it('lists with filters and cursor pages', async () => {
    await pool('p-list', ['+17025550100', '+17025550101', '+17025550102']);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await ctx.t.api('POST', '/v1/sessions', { poolId: 'p-list', firstParty: '+17025550999', secondParty: `+1702555080${i}`, clientReference: i % 2 ? 'odd' : 'even' });
      if (r.status === 201) ids.push(r.body.id);
    }
    expect(ids).toHaveLength(3); // +17025550999 can hold only three sessions on three numbers
    await ctx.t.api('DELETE', `/v1/sessions/${ids[0]}`);
    const p1 = await ctx.t.api('GET', '/v1/sessions?poolId=p-list&limit=2');
    expect(p1.body.items.map((s: { id: string }) => s.id)).toEqual([ids[2], ids[1]]);
    const p2 = await ctx.t.api('GET', `/v1/sessions?poolId=p-list&limit=2&cursor=${p1.body.nextCursor}`);
    expect(p2.body).toMatchObject({ items: [{ id: ids[0], status: 'closed' }], nextCursor: null });
    const open = await ctx.t.api('GET', `/v1/sessions?participant=${encodeURIComponent('+17025550999')}&status=open`);
    expect(open.body.items.map((s: { id: string }) => s.id)).toEqual([ids[2], ids[1]]);
    const even = await ctx.t.api('GET', '/v1/sessions?clientReference=even');
    expect(even.body.items.map((s: { id: string }) => s.id)).toEqual([ids[2], ids[0]]);
    const all = await ctx.t.api('GET', '/v1/sessions?limit=200');
    expect(all.body.items.length).toBeGreaterThanOrEqual(3);
    expect((await ctx.t.api('GET', '/v1/sessions?status=weird&x=1')).status).toBe(400);
  });

  it('updates options and TTL, closes, and keeps a tombstone', async () => {
    await pool('p-life', ['+17135550100']);
    const s = await ctx.t.api('POST', '/v1/sessions', { poolId: 'p-life', firstParty: ALICE, secondParty: BOB, metadata: { a: 1 }, clientReference: 'old' });
    const id = s.body.id as string;
    const up = await ctx.t.api('PATCH', `/v1/sessions/${id}`, { ttlSeconds: 7200, metadata: null, record: true, clientReference: 'new' });
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ ttlSeconds: 7200, record: true, clientReference: 'new' });
    expect(up.body.metadata).toBeUndefined();
    expect(up.body.updatedAt).not.toBeNull();
    expect((await ctx.t.api('GET', '/v1/sessions?clientReference=old')).body.items).toEqual([]);
    expect((await ctx.t.api('GET', '/v1/sessions?clientReference=new')).body.items[0].id).toBe(id);
    expect((await ctx.t.api('PATCH', `/v1/sessions/${id}`, { ttlSeconds: 10 ** 9 })).status).toBe(400);
    expect((await ctx.t.api('PATCH', `/v1/sessions/${id}`, {})).status).toBe(400);

    const closed = await ctx.t.api('DELETE', `/v1/sessions/${id}`);
    expect(closed.body).toMatchObject({ id, status: 'closed' });
    expect(closed.body.endedAt).not.toBeNull();
    expect((await ctx.t.api('DELETE', `/v1/sessions/${id}`)).body.status).toBe('closed');
    expect(await ctx.db.hlen('masq:vb:+17135550100')).toBe(0);
    expect(await ctx.db.ttl(`masq:ses:${id}`)).toBeGreaterThan(29 * 86_400);
    const after = await ctx.t.api('GET', `/v1/resolve?from=${encodeURIComponent(ALICE)}&to=${encodeURIComponent('+17135550100')}`);
    expect(after).toMatchObject({ status: 410, body: { error: { code: 'session_closed' } } });
    expect((await ctx.t.api('PATCH', `/v1/sessions/${id}`, { record: false })).status).toBe(410);
    expect((await ctx.t.api('GET', `/v1/pools/p-life`)).body.counts).toMatchObject({ inUse: 0, openSessions: 0 });
    // The freed number serves the same pair again.
    const again = await ctx.t.api('POST', '/v1/sessions', { poolId: 'p-life', firstParty: ALICE, secondParty: BOB });
    expect(again.status).toBe(201);
    expect((await ctx.t.api('GET', `/v1/resolve?from=${encodeURIComponent(ALICE)}&to=${encodeURIComponent('+17135550100')}`)).body.sessionId).toBe(again.body.id);
    expect((await ctx.t.api('GET', '/v1/sessions/01m83xy1j686tzxn9xvx')).status).toBe(404);
    expect((await ctx.t.api('GET', '/v1/sessions/not-an-id')).status).toBe(404);
  });
});

describe('bad input loses nothing', () => {
  it('rejects malformed bodies with field-level errors and writes nothing', async () => {
    await pool('p-bad', ['+18085550100']);
    const before = (await ctx.db.dbsize()) as number;
    const cases: [unknown, number, string[]][] = [
      [{ poolId: 'p-bad', firstParty: '+1555', secondParty: 'abc' }, 400, ['firstParty', 'secondParty']],
      [{ poolId: 'p-bad', firstParty: ALICE, secondParty: '415-555-0123' }, 400, ['secondParty']],
      [{ poolId: 'p-bad', firstParty: ALICE, secondParty: BOB, ttlSeconds: 86_401 }, 400, ['ttlSeconds']],
      [{ poolId: 'p-bad', firstParty: ALICE, secondParty: BOB, mode: 'weird', colour: 'red' }, 400, ['colour', 'mode']],
      [{ poolId: 'p-bad', firstParty: ALICE, secondParty: BOB, callbackUrl: 'ftp://x' }, 400, ['callbackUrl']],
      [{ firstParty: ALICE }, 400, ['poolId', 'secondParty']],
    ];
    for (const [body, status, fields] of cases) {
      const r = await ctx.t.api('POST', '/v1/sessions', body);
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.body.error.code).toBe('validation_failed');
      expect(r.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(fields);
    }
    const unknownPool = await ctx.t.api('POST', '/v1/sessions', { poolId: 'nope', firstParty: ALICE, secondParty: BOB });
    expect(unknownPool).toMatchObject({ status: 404, body: { error: { code: 'pool_not_found' } } });
    const badJson = await ctx.t.api('POST', '/v1/sessions', '{"poolId":');
    expect(badJson).toMatchObject({ status: 400, body: { error: { code: 'invalid_json' } } });
    const notJson = await ctx.t.api('POST', '/v1/sessions', 'poolId=x', { 'content-type': 'text/plain' });
    expect(notJson.status).toBe(400);
    const big = await ctx.t.api('POST', '/v1/sessions', JSON.stringify({ poolId: 'p-bad', metadata: { x: 'y'.repeat(1_100_000) } }));
    expect(big).toMatchObject({ status: 413, body: { error: { code: 'payload_too_large' } } });
    expect(await ctx.db.dbsize()).toBe(before);
    expect((await ctx.t.api('GET', '/v1/nothing-here')).status).toBe(404);
  });
});

describe('privacy of logs', () => {
  it('never writes a raw participant number in any log line at info', async () => {
    await ctx.t.api('GET', `/v1/resolve?from=${encodeURIComponent(ALICE)}&to=${encodeURIComponent('+14155550170')}`);
    await ctx.t.api('GET', `/v1/resolve?from=${ALICE}&to=14155550170`);
    const raw = ctx.t.rawLogs();
    expect(raw.length).toBeGreaterThan(1000);
    for (const n of [ALICE, BOB, '+14155550170', '+12025550100']) {
      expect(raw).not.toContain(n.slice(1));
    }
  });
});
