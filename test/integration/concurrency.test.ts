/**
 * Hundreds of parallel creates with overlapping participants against small pools:
 * the invariant (one open session per (number, participant)) holds and the number
 * of 409s is exactly what the pool size allows.
 */
import { describe, expect, it } from 'vitest';
import { useApp, TEST_KEY } from '../helpers/app.js';

const ctx = useApp();

async function post(body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${ctx.t.baseUrl}/v1/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

async function makePool(id: string, size: number): Promise<string[]> {
  const area = { 'c-shared': '303', 'c-mix': '720', 'c-ded': '719', 'c-pp': '970' }[id] ?? '303';
  const numbers = Array.from({ length: size }, (_, i) => `+1${area}555${String(1000 + i).padStart(4, '0')}`);
  await ctx.t.api('POST', '/v1/pools', { id });
  const r = await ctx.t.api('POST', `/v1/pools/${id}/numbers`, { numbers });
  expect(r.body.added).toBe(size);
  return numbers;
}

/** Checks the routing invariant on what Redis actually holds. */
async function assertInvariant(poolNumbers: string[]): Promise<number> {
  const sessions = new Map<string, Record<string, string>>();
  let bindings = 0;
  for (const v of poolNumbers) {
    const h = await ctx.db.hgetall(`masq:vb:${v}`);
    for (const [participant, sid] of Object.entries(h)) {
      bindings++;
      const s = sessions.get(sid) ?? (await ctx.db.hgetall(`masq:ses:${sid}`));
      sessions.set(sid, s);
      expect(s.st).toBe('open');
      // The binding is one of the session's own (number, party) pairs.
      const own = (s.va === v && s.a === participant) || (s.vb === v && s.b === participant);
      expect(own, `${v}/${participant} → ${sid}`).toBe(true);
    }
    const load = Number(await ctx.db.hget(`masq:num:${v}`, 'load'));
    expect(load).toBe(Object.keys(h).length);
  }
  // Every open session still owns both of its bindings: none was overwritten by another.
  for (const [sid, s] of sessions) {
    expect(await ctx.db.hget(`masq:vb:${s.va}`, s.a as string)).toBe(sid);
    expect(await ctx.db.hget(`masq:vb:${s.vb}`, s.b as string)).toBe(sid);
  }
  expect(bindings).toBe(sessions.size * 2);
  return sessions.size;
}

describe('concurrent creates', () => {
  it('shared mode: a hub in 300 parallel sessions gets exactly one per number', async () => {
    const numbers = await makePool('c-shared', 12);
    const hub = '+14155550000';
    // 300 requests; callers overlap (each appears 3 times), the hub is in all of them.
    const bodies = Array.from({ length: 300 }, (_, i) => ({
      poolId: 'c-shared',
      firstParty: i % 2 ? hub : `+1212555${String(1000 + (i % 100)).padStart(4, '0')}`,
      secondParty: i % 2 ? `+1212555${String(1000 + (i % 100)).padStart(4, '0')}` : hub,
    }));
    const results = await Promise.all(bodies.map(post));
    const created = results.filter((r) => r.status === 201);
    const exhausted = results.filter((r) => r.status === 409);
    expect(created).toHaveLength(12);
    expect(exhausted).toHaveLength(288);
    for (const r of exhausted) expect(r.body.error.code).toBe('pool_exhausted');
    expect(new Set(created.map((r) => r.body.firstParty.proxyNumber)).size).toBe(12);
    expect(await assertInvariant(numbers)).toBe(12);
    expect((await ctx.t.api('GET', '/v1/pools/c-shared')).body.counts).toMatchObject({ inUse: 12, openSessions: 12 });
  });

  it('shared mode: disjoint pairs all fit on few numbers, overlapping ones never cross', async () => {
    const numbers = await makePool('c-mix', 5);
    // 40 people, each in up to 5 sessions with different partners: 100 requests.
    const people = Array.from({ length: 40 }, (_, i) => `+1646555${String(2000 + i).padStart(4, '0')}`);
    const bodies = Array.from({ length: 100 }, (_, i) => ({
      poolId: 'c-mix',
      firstParty: people[i % 40],
      // 6i + 1 is odd, so (7i + 1) mod 40 never equals i mod 40: the parties always differ.
    secondParty: people[(i * 7 + 1) % 40],
    }));
    const results = await Promise.all(bodies.map(post));
    const created = results.filter((r) => r.status === 201).length;
    const other = results.filter((r) => r.status !== 201 && r.status !== 409);
    expect(other).toEqual([]);
    // However the race went, what is stored obeys the invariant and matches what was answered.
    expect(await assertInvariant(numbers)).toBe(created);
    expect(created).toBeGreaterThan(50);
  });

  it('dedicated mode: 200 parallel creates take exactly the pool size', async () => {
    const numbers = await makePool('c-ded', 7);
    const bodies = Array.from({ length: 200 }, (_, i) => ({
      poolId: 'c-ded',
      mode: 'dedicated',
      firstParty: `+1305555${String(1000 + i).padStart(4, '0')}`,
      secondParty: `+1786555${String(1000 + (i % 50)).padStart(4, '0')}`,
    }));
    const results = await Promise.all(bodies.map(post));
    expect(results.filter((r) => r.status === 201)).toHaveLength(7);
    expect(results.filter((r) => r.status === 409)).toHaveLength(193);
    expect(await assertInvariant(numbers)).toBe(7);
    for (const v of numbers) expect(await ctx.db.hlen(`masq:vb:${v}`)).toBe(2);
  });

  it('per-participant mode: a hub gets one number per session, exactly the pool size', async () => {
    const numbers = await makePool('c-pp', 9);
    const hub = '+15125550000';
    const bodies = Array.from({ length: 150 }, (_, i) => ({
      poolId: 'c-pp',
      mode: 'per-participant',
      firstParty: hub,
      secondParty: `+1737555${String(1000 + i).padStart(4, '0')}`,
    }));
    const results = await Promise.all(bodies.map(post));
    const created = results.filter((r) => r.status === 201);
    expect(created).toHaveLength(9);
    expect(results.filter((r) => r.status === 409)).toHaveLength(141);
    expect(new Set(created.map((r) => r.body.firstParty.proxyNumber)).size).toBe(9);
    for (const r of created) expect(r.body.firstParty.proxyNumber).not.toBe(r.body.secondParty.proxyNumber);
    expect(await assertInvariant(numbers)).toBe(9);
  });
});
