/**
 * GET /v1/calls: recent calls across sessions (and calls turned away), newest
 * first, from the index the call's first write keeps — written here the way the
 * SIP side and request-a-call write records. Filters by outcome, direction, time
 * and session; cursor pages; a record that expired is skipped and dropped from
 * the index; the index stays within its cap; bad filters are 400s naming the field.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { callIdFloor, newCallId } from '../../src/masking/ids.js';
import { RECENT_CALLS_KEPT, RECENT_CALLS_TRIM } from '../../src/store/keys.js';
import { TEST_KEY, useApp } from '../helpers/app.js';

const ctx = useApp();
const VN = '+15035550111';
const INDEX = 'masq:calls:recent';
const MIN = 60_000;
const t0 = Date.now();

interface Listed {
  id: string;
  sessionId: string | null;
  direction: string | null;
  state: string;
  outcome: string;
  startedAt: string;
}

const ids = (items: Listed[]): string[] => items.map((c) => c.id);

async function list(query: string): Promise<{ status: number; items: Listed[]; nextCursor: string | null; body: any }> {
  const r = await ctx.t.api('GET', `/v1/calls${query ? `?${query}` : ''}`);
  return { status: r.status, items: r.body.items as Listed[], nextCursor: r.body.nextCursor as string | null, body: r.body };
}

/** Every page of a query, following nextCursor. */
async function all(query: string): Promise<{ items: Listed[]; pages: number }> {
  const items: Listed[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const p = await list([query, cursor ? `cursor=${cursor}` : ''].filter(Boolean).join('&'));
    expect(p.status).toBe(200);
    items.push(...p.items);
    cursor = p.nextCursor;
    pages++;
  } while (cursor && pages < 100);
  return { items, pages };
}

const calls: Record<string, string> = {};
let s1 = '';
let s2 = '';

beforeAll(async () => {
  await ctx.t.api('POST', '/v1/pools', { id: 'recent' });
  await ctx.t.api('POST', '/v1/pools/recent/numbers', { numbers: [VN] });
  const mk = async (a: string, b: string) => (await ctx.t.api('POST', '/v1/sessions', { poolId: 'recent', firstParty: a, secondParty: b })).body.id as string;
  s1 = await mk('+14155557001', '+12125557001');
  s2 = await mk('+14155557002', '+12125557002');
  const store = ctx.t.store();
  const at = (minAgo: number) => t0 - minAgo * MIN;

  // s1: a completed call (routed by the call path's own script), then a busy one the other way.
  calls.completed = newCallId(at(50));
  await store.sessions.resolve('+14155557001', VN, { id: calls.completed, startedAt: at(50), ringTimeoutS: 60, callTimeLimitS: 3600 });
  await store.calls.update(calls.completed, s1, { state: 'answered', ringingAt: at(50) + 300, answeredAt: at(50) + 4000 }, 'call.answered', { seq: 2 });
  await store.calls.update(calls.completed, s1, { state: 'completed', endedAt: at(50) + 64_000, durationSeconds: 60, sipStatus: 200, hungUpBy: 'callee', endReason: 'callee-hangup' }, 'call.completed', { seq: 3 });
  calls.busy = newCallId(at(40));
  await store.calls.start({ id: calls.busy, sessionId: s1, direction: 'second-to-first', virtualNumber: VN, startedAt: at(40) }, 'call.initiated', {}, { seq: 1, deadline: at(40) + 120_000 });
  await store.calls.update(calls.busy, s1, { state: 'failed', endedAt: at(40) + 3000, sipStatus: 486, hungUpBy: 'callee', endReason: 'callee-rejected' }, 'call.failed', { seq: 2 });

  // s2: nobody answers; then a request-a-call, still ringing.
  calls.noAnswer = newCallId(at(30));
  await store.sessions.resolve('+14155557002', VN, { id: calls.noAnswer, startedAt: at(30), ringTimeoutS: 60, callTimeLimitS: 3600 });
  await store.calls.update(calls.noAnswer, s2, { state: 'failed', endedAt: at(30) + 60_000, sipStatus: 480, hungUpBy: 'masq', endReason: 'ring-timeout' }, 'call.failed', { seq: 2 });
  calls.requested = newCallId(at(20));
  expect(await store.calls.startRequested({ id: calls.requested, sessionId: s2, firstLeg: 'firstParty', virtualNumber: VN, startedAt: at(20), deadline: t0 + 600_000 })).toBe('ok');

  // A stranger turned away (no session), and a caller who hung up while the call was routed.
  calls.rejected = newCallId(at(10));
  await store.calls.start({ id: calls.rejected, sessionId: null, direction: null, virtualNumber: VN, startedAt: at(10) }, '', {
    state: 'failed', endedAt: at(10) + 5, durationSeconds: 0, sipStatus: 403, hungUpBy: 'masq', endReason: 'not_in_session',
  });
  calls.canceled = newCallId(at(5));
  await store.calls.start({ id: calls.canceled, sessionId: s1, direction: null, virtualNumber: VN, startedAt: at(5) }, 'call.failed', {
    state: 'failed', endedAt: at(5) + 900, durationSeconds: 0, sipStatus: 487, hungUpBy: 'caller', endReason: 'caller-cancel',
  });
});

describe('GET /v1/calls', () => {
  it('lists every call, newest first, across sessions and turned-away calls, each with its outcome', async () => {
    const p = await list('');
    expect(p.status).toBe(200);
    expect(ids(p.items)).toEqual([calls.canceled, calls.rejected, calls.requested, calls.noAnswer, calls.busy, calls.completed]);
    expect(p.nextCursor).toBeNull();
    expect(p.items.map((c) => [c.sessionId, c.direction, c.outcome])).toEqual([
      [s1, null, 'canceled'],
      [null, null, 'rejected'],
      [s2, 'request-a-call', 'in-progress'],
      [s2, 'first-to-second', 'no-answer'],
      [s1, 'second-to-first', 'busy'],
      [s1, 'first-to-second', 'completed'],
    ]);
    // The same record as GET /v1/calls/{callId}.
    expect(p.items[5]).toEqual((await ctx.t.api('GET', `/v1/calls/${calls.completed}`)).body);
  });

  it('filters by outcome, direction, session and time, alone and together', async () => {
    expect(ids((await list('outcome=busy')).items)).toEqual([calls.busy]);
    expect(ids((await list('outcome=completed')).items)).toEqual([calls.completed]);
    expect(ids((await list('outcome=in-progress')).items)).toEqual([calls.requested]);
    expect(ids((await list('outcome=rejected')).items)).toEqual([calls.rejected]);
    expect(ids((await list('outcome=failed')).items)).toEqual([]);
    expect(ids((await list('direction=first-to-second')).items)).toEqual([calls.noAnswer, calls.completed]);
    expect(ids((await list('direction=request-a-call')).items)).toEqual([calls.requested]);
    expect(ids((await list(`sessionId=${s2}`)).items)).toEqual([calls.requested, calls.noAnswer]);
    expect(ids((await list(`sessionId=${s1}&direction=first-to-second`)).items)).toEqual([calls.completed]);
    expect(ids((await list(`sessionId=${s1}&outcome=no-answer`)).items)).toEqual([]);
    const iso = (minAgo: number) => encodeURIComponent(new Date(t0 - minAgo * MIN).toISOString());
    expect(ids((await list(`since=${iso(35)}&until=${iso(8)}`)).items)).toEqual([calls.rejected, calls.requested, calls.noAnswer]);
    // Bounds are inclusive, to the millisecond of the record's start.
    expect(ids((await list(`since=${iso(40)}&until=${iso(40)}`)).items)).toEqual([calls.busy]);
    const justAfter = encodeURIComponent(new Date(t0 - 40 * MIN + 1).toISOString());
    const justBefore = encodeURIComponent(new Date(t0 - 40 * MIN - 1).toISOString());
    expect(ids((await list(`since=${justAfter}&until=${iso(35)}`)).items)).toEqual([]);
    expect(ids((await list(`since=${iso(45)}&until=${justBefore}`)).items)).toEqual([]);
    expect(ids((await list(`until=${iso(45)}`)).items)).toEqual([calls.completed]);
    expect(ids((await list(`since=${iso(45)}&direction=first-to-second`)).items)).toEqual([calls.noAnswer]);
    // With an offset other than Z.
    const local = new Date(t0 - 15 * MIN + 2 * 3_600_000).toISOString().replace('Z', '+02:00');
    expect(ids((await list(`since=${encodeURIComponent(local)}`)).items)).toEqual([calls.canceled, calls.rejected]);
    // A session with no calls, and one that never existed, list nothing.
    expect((await list('sessionId=01m00000000000000000')).items).toEqual([]);
  });

  it('pages with a cursor: every call once, in order, filtered or not', async () => {
    const every = [calls.canceled, calls.rejected, calls.requested, calls.noAnswer, calls.busy, calls.completed];
    const first = await list('limit=2');
    expect(ids(first.items)).toEqual(every.slice(0, 2));
    expect(first.nextCursor).toBe(calls.rejected);
    const paged = await all('limit=2');
    expect(ids(paged.items)).toEqual(every);
    expect(paged.pages).toBe(3);
    expect(ids((await all('limit=1&outcome=busy')).items)).toEqual([calls.busy]);
    expect(ids((await all(`limit=1&sessionId=${s1}`)).items)).toEqual([calls.canceled, calls.busy, calls.completed]);
    // A cursor and until together: the older of the two bounds wins.
    const until = encodeURIComponent(new Date(t0 - 25 * MIN).toISOString());
    expect(ids((await list(`until=${until}&cursor=${calls.busy}`)).items)).toEqual([calls.completed]);
    expect(ids((await list(`until=${until}&cursor=${calls.canceled}`)).items)).toEqual([calls.noAnswer, calls.busy, calls.completed]);
  });

  it('examines a bounded number of calls per page: a sparse filter gets a short page and a cursor to go on', async () => {
    const store = ctx.t.store();
    const base = t0 - 4 * MIN;
    const made: string[] = [];
    for (let i = 0; i < 1100; i++) made.push(newCallId(base + i));
    for (let i = 0; i < made.length; i += 100) {
      await Promise.all(
        made.slice(i, i + 100).map((id, j) =>
          store.calls.start({ id, sessionId: null, direction: null, virtualNumber: VN, startedAt: base + i + j }, '', { state: 'failed', endedAt: base + i + j + 1, sipStatus: 404, hungUpBy: 'masq', endReason: 'number_not_found' }),
        ),
      );
    }
    const first = await list('outcome=busy&limit=10');
    expect(first.items).toEqual([]);
    expect(first.nextCursor).not.toBeNull();
    expect(ids((await all('outcome=busy&limit=10')).items)).toEqual([calls.busy]);
    // The turned-away flood, newest first, in pages of 200.
    const flood = await all('outcome=rejected&limit=200');
    expect(ids(flood.items)).toEqual([...[...made].reverse(), calls.rejected as string]);
    await ctx.db.zrem(INDEX, ...made);
    await ctx.db.del(...made.map((id) => `masq:call:${id}`));
  });

  it('skips a call whose record expired, and drops it from the index', async () => {
    const store = ctx.t.store();
    const gone = newCallId(t0 - 2 * MIN);
    await store.calls.start({ id: gone, sessionId: null, direction: null, virtualNumber: VN, startedAt: t0 - 2 * MIN }, '', { state: 'failed', endedAt: t0 - 2 * MIN + 3, sipStatus: 404, hungUpBy: 'masq', endReason: 'number_not_found' });
    expect(ids((await list('limit=1')).items)).toEqual([gone]);
    expect(await ctx.db.zscore(INDEX, gone)).toBe('0');
    // Calls that matched no session are kept briefly: the record goes before the index entry.
    await ctx.db.pexpire(`masq:call:${gone}`, 1);
    await new Promise((r) => setTimeout(r, 20));
    const p = await list('limit=2');
    expect(ids(p.items)).toEqual([calls.canceled, calls.rejected]);
    expect(await ctx.db.zscore(INDEX, gone)).toBeNull();
    // So do ids older than the retention (their records are gone): trimmed when the list is read.
    const ancient = `${callIdFloor(t0 - 31 * 86_400_000)}0000000000`;
    await ctx.db.zadd(INDEX, 0, ancient);
    await list('limit=1');
    expect(await ctx.db.zscore(INDEX, ancient)).toBeNull();
  });

  it(`keeps the newest ${RECENT_CALLS_KEPT} ids: past the cap, the oldest go ${RECENT_CALLS_TRIM} at a time`, async () => {
    // Fill the index to just under its trim point with old ids (no records), in a few large commands.
    const before = await ctx.db.zcard(INDEX);
    const filler: string[] = [];
    for (let i = 0; filler.length < RECENT_CALLS_KEPT + RECENT_CALLS_TRIM - 2 - before; i++) filler.push(`${callIdFloor(t0 - 86_400_000 + i)}0000000000`);
    for (let i = 0; i < filler.length; i += 10_000) await ctx.db.zadd(INDEX, ...filler.slice(i, i + 10_000).flatMap((id) => [0, id]));
    const turnedAway = async () => {
      const id = newCallId();
      await ctx.t.store().calls.start({ id, sessionId: null, direction: null, virtualNumber: VN, startedAt: Date.now() }, '', { state: 'failed', endedAt: Date.now(), sipStatus: 404, hungUpBy: 'masq', endReason: 'number_not_found' });
      return id;
    };
    await turnedAway();
    expect(await ctx.db.zcard(INDEX)).toBe(RECENT_CALLS_KEPT + RECENT_CALLS_TRIM - 1);
    const fresh = await turnedAway();
    expect(await ctx.db.zcard(INDEX)).toBe(RECENT_CALLS_KEPT);
    expect(await ctx.db.zscore(INDEX, fresh)).toBe('0');
    expect(await ctx.db.zscore(INDEX, filler[RECENT_CALLS_TRIM - 1] as string)).toBeNull();
    expect(await ctx.db.zscore(INDEX, filler[RECENT_CALLS_TRIM] as string)).toBe('0');
    // Memory: what one entry costs in Redis (the README quotes it).
    const bytes = (await ctx.db.call('MEMORY', 'USAGE', INDEX, 'SAMPLES', '0')) as number;
    console.log(`recent-calls index: ${RECENT_CALLS_KEPT} ids in ${(bytes / 1048576).toFixed(1)} MiB, ${Math.round(bytes / RECENT_CALLS_KEPT)} B each`);
    for (let i = RECENT_CALLS_TRIM; i < filler.length; i += 10_000) await ctx.db.zrem(INDEX, ...filler.slice(i, i + 10_000));
  }, 60_000);

  it('refuses a bad filter with a 400 naming the field, and answers nothing without the key', async () => {
    const field = async (query: string) => {
      const r = await list(query);
      expect(r.status, query).toBe(400);
      expect(r.body.error.code).toBe('validation_failed');
      return (r.body.error.details as { field: string; message: string }[]).map((d) => d.field);
    };
    expect(await field('outcome=answered-ish')).toEqual(['outcome']);
    expect(await field('direction=sideways')).toEqual(['direction']);
    expect(await field('since=yesterday')).toEqual(['since']);
    expect(await field('until=2026-13-01T00:00:00Z')).toEqual(['until']);
    expect(await field('since=2026-12-02T00:00:00Z&until=2026-12-01T00:00:00Z')).toEqual(['until']);
    expect(await field('limit=0')).toEqual(['limit']);
    expect(await field('limit=201')).toEqual(['limit']);
    expect(await field('cursor=not-a-cursor')).toEqual(['cursor']);
    expect(await field('sessionId=..%2F..%2Fx')).toEqual(['sessionId']);
    expect(await field('state=completed')).toEqual(['state']);
    const reversed = await list('since=2026-12-02T00:00:00Z&until=2026-12-01T00:00:00Z');
    expect(reversed.body.error.details[0].message).toBe('must not be before since');

    expect((await fetch(`${ctx.t.baseUrl}/v1/calls`)).status).toBe(401);
    expect((await fetch(`${ctx.t.baseUrl}/v1/calls`, { headers: { authorization: 'Bearer wrong-key-0000000000000' } })).status).toBe(401);
    expect((await fetch(`${ctx.t.baseUrl}/v1/calls`, { headers: { authorization: `Bearer ${TEST_KEY}` } })).status).toBe(200);
  });
});
