/**
 * Allocation details that need real Redis: a participant bound on every number
 * of its home area is steered elsewhere (and back when one frees up), and listing
 * across pools pages through every session exactly once.
 */
import { describe, expect, it } from 'vitest';
import { useApp } from '../helpers/app.js';

const ctx = useApp({});

const HUB = '+14155550000';
const partner = (i: number) => `+1305555${String(1000 + i)}`;

describe('a participant with many sessions', () => {
  it('skips a home bucket it is bound on entirely, and returns when a number frees up', async () => {
    await ctx.t.api('POST', '/v1/pools', { id: 'hub' });
    const sf = ['+14155550100', '+14155550101', '+14155550102'];
    const ny = ['+12125550100', '+12125550101', '+12125550102'];
    await ctx.t.api('POST', '/v1/pools/hub/numbers', { numbers: [...sf, ...ny] });
    const made = [];
    for (let i = 0; i < 6; i++) {
      const r = await ctx.t.api('POST', '/v1/sessions', { poolId: 'hub', firstParty: HUB, secondParty: partner(i) });
      expect(r.status).toBe(201);
      made.push(r.body);
    }
    const numbers = made.map((s) => s.firstParty.proxyNumber as string);
    expect(numbers.slice(0, 3).sort()).toEqual(sf); // home area first
    expect(numbers.slice(3).sort()).toEqual(ny);
    expect(await ctx.db.hget(`masq:part:${HUB}:cur`, 'x|hub|US:415')).not.toBeNull();
    expect((await ctx.t.api('POST', '/v1/sessions', { poolId: 'hub', firstParty: HUB, secondParty: partner(9) })).status).toBe(409);

    // Freeing a home number clears the marker: the next session goes home again.
    await ctx.t.api('DELETE', `/v1/sessions/${made[1].id}`);
    expect(await ctx.db.hget(`masq:part:${HUB}:cur`, 'x|hub|US:415')).toBeNull();
    const back = await ctx.t.api('POST', '/v1/sessions', { poolId: 'hub', firstParty: HUB, secondParty: partner(10) });
    expect(back.body.firstParty.proxyNumber).toBe(made[1].firstParty.proxyNumber);

    // A new home number also invalidates the marker (bucket generation moves).
    const again = await ctx.t.api('POST', '/v1/sessions', { poolId: 'hub', firstParty: HUB, secondParty: partner(11) });
    expect(again.status).toBe(409);
    await ctx.t.api('POST', '/v1/pools/hub/numbers', { numbers: ['+14155550103'] });
    const fresh = await ctx.t.api('POST', '/v1/sessions', { poolId: 'hub', firstParty: HUB, secondParty: partner(12) });
    expect(fresh.body.firstParty.proxyNumber).toBe('+14155550103');
  });
});

describe('listing across pools', () => {
  it('pages through every session of every pool exactly once, newest first', async () => {
    for (const id of ['la', 'lb']) {
      await ctx.t.api('POST', '/v1/pools', { id });
      await ctx.t.api('POST', `/v1/pools/${id}/numbers`, { numbers: [id === 'la' ? '+15035550100' : '+15035550200'] });
    }
    const created: string[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await ctx.t.api('POST', '/v1/sessions', { poolId: i % 2 ? 'la' : 'lb', firstParty: `+1617555${1000 + i}`, secondParty: `+1617555${2000 + i}` });
      created.push(r.body.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await ctx.t.api('GET', `/v1/sessions?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...page.body.items.map((s) => s.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    const ours = seen.filter((id) => created.includes(id));
    expect([...ours].sort()).toEqual([...created].sort());
    // Newest first (ids sort by creation time; equal milliseconds may tie).
    for (let i = 1; i < ours.length; i++) expect((ours[i - 1] as string).slice(0, 10) >= (ours[i] as string).slice(0, 10)).toBe(true);
    const wrongCursor = await ctx.t.api('GET', `/v1/sessions?participant=${encodeURIComponent('+16175551000')}&cursor=123-0~la`);
    expect(wrongCursor.status).toBe(400);
  });
});
