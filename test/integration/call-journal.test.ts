/**
 * The writes a call owes its record: kept in order through a Redis outage and
 * applied once; records whose instance died closed by the sweep.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { newCallId } from '../../src/masking/ids.js';
import { createLogger } from '../../src/logger.js';
import { CallJournal } from '../../src/store/call-journal.js';
import { useApp } from '../helpers/app.js';

const ctx = useApp({ persistent: true });
const VN = '+15035550111';
let n = 0;
const quiet = createLogger({ level: 'silent', destination: new Writable({ write: (_c, _e, cb) => cb() }) });

beforeAll(async () => {
  await ctx.t.api('POST', '/v1/pools', { id: 'journal' });
  await ctx.t.api('POST', '/v1/pools/journal/numbers', { numbers: [VN] });
});

async function session(): Promise<{ id: string; a: string }> {
  n++;
  const a = `+1312555${7000 + n}`;
  const s = await ctx.t.api('POST', '/v1/sessions', { poolId: 'journal', firstParty: a, secondParty: `+1617555${7000 + n}` });
  expect(s.status).toBe(201);
  return { id: s.body.id as string, a };
}

const eventTypes = async (sessionId: string) =>
  ((await ctx.t.api('GET', `/v1/events?sessionId=${sessionId}`)).body.items as { type: string }[]).map((e) => e.type).reverse();

async function until<T>(what: string, check: () => Promise<T | undefined | false>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check().catch(() => undefined);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('call journal', () => {
  it('keeps a call’s writes in order through a Redis outage and applies each once', async () => {
    const s = await session();
    const id = newCallId();
    const t0 = Date.now();
    const { calls } = ctx.t.store();
    await ctx.t.store().sessions.resolve(s.a, VN, { id, startedAt: t0, ringTimeoutS: 60, callTimeLimitS: 3600 });
    const journal = new CallJournal({ log: quiet, retryMinMs: 20, retryMaxMs: 100 });

    await ctx.redis.kill();
    const writes = [
      journal.append(id, () => calls.update(id, s.id, { ringingAt: t0 + 100 }, 'call.ringing', { seq: 2 })),
      journal.append(id, () => calls.update(id, s.id, { state: 'answered', answeredAt: t0 + 1000 }, 'call.answered', { seq: 3 })),
      journal.append(id, () =>
        calls.update(id, s.id, { state: 'completed', endedAt: t0 + 4000, durationSeconds: 3, sipStatus: 200, hungUpBy: 'caller', endReason: 'caller-hangup' }, 'call.completed', { seq: 4 }),
      ),
    ];
    await new Promise((r) => setTimeout(r, 300));
    expect(journal.pending).toBe(3);
    await ctx.redis.restart();
    await Promise.all(writes);
    expect(journal.pending).toBe(0);

    const c = await until('the record', async () => (await ctx.t.api('GET', `/v1/calls/${id}`)).body as Record<string, unknown>);
    expect(c).toMatchObject({ state: 'completed', ringingAt: new Date(t0 + 100).toISOString(), durationSeconds: 3, hungUpBy: 'caller' });
    expect(await eventTypes(s.id)).toEqual(['session.created', 'call.initiated', 'call.ringing', 'call.answered', 'call.completed']);

    // A write repeated after Redis applied it (a lost acknowledgement) changes nothing.
    await calls.update(id, s.id, { state: 'answered', answeredAt: t0 + 1000 }, 'call.answered', { seq: 3 });
    await calls.update(id, s.id, { state: 'completed', endedAt: t0 + 4000, durationSeconds: 3 }, 'call.completed', { seq: 4 });
    expect((await ctx.t.api('GET', `/v1/calls/${id}`)).body.state).toBe('completed');
    expect(await eventTypes(s.id)).toHaveLength(5);
    expect((await ctx.t.api('GET', `/v1/sessions/${s.id}`)).body.stats).toMatchObject({ callCount: 1, totalDurationSeconds: 3 });
  });

  it('drops writes beyond its bound instead of growing without end', async () => {
    const journal = new CallJournal({ log: quiet, maxPending: 2, retryMinMs: 10 });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const a = journal.append('a', () => gate);
    const b = journal.append('b', () => gate);
    await journal.append('c', () => Promise.resolve());
    expect(journal.droppedCount).toBe(1);
    expect(journal.pending).toBe(2);
    release();
    await Promise.all([a, b]);
    expect(journal.pending).toBe(0);
  });

  it('closes the record of a call whose instance died, once past its limits, and counts it once', async () => {
    const s = await session();
    const id = newCallId();
    const { calls, sessions } = ctx.t.store();
    // Routed 3 minutes ago with a 1 s ring timeout and a 1 s limit: past them and the grace minute.
    await sessions.resolve(s.a, VN, { id, startedAt: Date.now() - 180_000, ringTimeoutS: 1, callTimeLimitS: 1 });
    await calls.update(id, s.id, { state: 'answered', answeredAt: Date.now() - 179_000 }, 'call.answered', { seq: 3 });
    expect(await ctx.db.zscore('masq:calls:open', id)).not.toBeNull();

    const c = await until('the sweep to close the record', async () => {
      const r = (await ctx.t.api('GET', `/v1/calls/${id}`)).body as Record<string, unknown>;
      return r.endedAt ? r : undefined;
    });
    expect(c).toMatchObject({ state: 'completed', hungUpBy: 'masq', endReason: 'ended-by-sweep', durationSeconds: 0 });
    expect(await ctx.db.zscore('masq:calls:open', id)).toBeNull();
    expect(await eventTypes(s.id)).toEqual(['session.created', 'call.initiated', 'call.answered', 'call.completed']);
    // The dead instance's own end, arriving late, is ignored: the sweep closed the record.
    await calls.update(id, s.id, { state: 'completed', endedAt: Date.now(), durationSeconds: 99 }, 'call.completed', { seq: 4 });
    expect((await ctx.t.api('GET', `/v1/calls/${id}`)).body.durationSeconds).toBe(0);
    expect(await eventTypes(s.id)).toHaveLength(4);
  });

  it('leaves a live call alone: its record is in the index until its end is written', async () => {
    const s = await session();
    const id = newCallId();
    const { calls, sessions } = ctx.t.store();
    await sessions.resolve(s.a, VN, { id, startedAt: Date.now(), ringTimeoutS: 60, callTimeLimitS: 3600 });
    await ctx.t.app.sweeper.sweepNow();
    expect((await ctx.t.api('GET', `/v1/calls/${id}`)).body).toMatchObject({ state: 'ringing', endedAt: null });
    await calls.update(id, s.id, { state: 'failed', endedAt: Date.now(), sipStatus: 486, hungUpBy: 'callee', endReason: 'callee-rejected' }, 'call.failed', { seq: 2 });
    expect(await ctx.db.zscore('masq:calls:open', id)).toBeNull();
  });
});
