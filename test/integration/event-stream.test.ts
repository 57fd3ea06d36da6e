/**
 * GET /v1/events/stream: the event log live as server-sent events, keyed like
 * the rest of /v1, resumable with Last-Event-ID without a gap or a repeat, and
 * ended cleanly when the app stops.
 */
import { describe, expect, it } from 'vitest';
import { TEST_KEY, startApp, useApp } from '../helpers/app.js';
import { openSse, type SseMessage } from '../helpers/sse.js';

const ctx = useApp();
const auth = { authorization: `Bearer ${TEST_KEY}` };
const typeOf = (m: SseMessage): string => (JSON.parse(m.data) as { type: string }).type;
const sessionOf = (m: SseMessage): string => (JSON.parse(m.data) as { sessionId: string }).sessionId;

async function session(n: number): Promise<string> {
  const r = await ctx.t.api('POST', '/v1/sessions', { poolId: 'sse', firstParty: `+1415555${String(n).padStart(4, '0')}`, secondParty: `+1212555${String(n).padStart(4, '0')}` });
  expect(r.status).toBe(201);
  return r.body.id as string;
}

describe('event stream', () => {
  it('refuses a request without a key, and a Last-Event-ID that is not an event id', async () => {
    const anonymous = await openSse(`${ctx.t.baseUrl}/v1/events/stream`, {});
    expect(anonymous.status).toBe(401);
    const bad = await ctx.t.api('GET', '/v1/events/stream', undefined, { 'last-event-id': 'yesterday' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([{ field: 'Last-Event-ID', message: 'an event id' }]);
    // Shaped like an id but beyond what Redis stream ids hold: refused, not a Redis error.
    for (const id of ['18446744073709551616-0', '0-18446744073709551616', '18446744073709551615-18446744073709551615']) {
      expect((await ctx.t.api('GET', '/v1/events/stream', undefined, { 'last-event-id': id })).status, id).toBe(400);
    }
  });

  it('sends each new event live, with its id, in the same JSON as GET /v1/events', async () => {
    await ctx.t.api('POST', '/v1/pools', { id: 'sse' });
    await ctx.t.api('POST', '/v1/pools/sse/numbers', { numbers: ['+15035550300', '+15035550301'] });
    const stream = await openSse(`${ctx.t.baseUrl}/v1/events/stream`, auth);
    try {
      expect(stream.status).toBe(200);
      expect(stream.headers.get('content-type')).toContain('text/event-stream');
      const id = await session(1);
      const m = await stream.waitFor((x) => sessionOf(x) === id);
      const listed = (await ctx.t.api('GET', `/v1/events?sessionId=${id}`)).body.items[0];
      expect(m.id).toBe(listed.id);
      expect(JSON.parse(m.data)).toEqual(listed);
      // Only what happened after it opened: nothing older.
      expect(stream.messages).toHaveLength(1);
    } finally {
      stream.close();
    }
  });

  it('resumes after Last-Event-ID: the missed events from the log, then live ones, none twice', async () => {
    const first = await openSse(`${ctx.t.baseUrl}/v1/events/stream`, auth);
    const a = await session(2);
    const seen = await first.waitFor((x) => sessionOf(x) === a);
    first.close();
    // Missed while disconnected.
    const b = await session(3);
    await ctx.t.api('DELETE', `/v1/sessions/${b}`);
    const resumed = await openSse(`${ctx.t.baseUrl}/v1/events/stream`, { ...auth, 'last-event-id': seen.id ?? '' });
    try {
      await resumed.waitFor((x) => sessionOf(x) === b && typeOf(x) === 'session.closed');
      await ctx.t.api('DELETE', `/v1/sessions/${a}`);
      await resumed.waitFor((x) => sessionOf(x) === a && typeOf(x) === 'session.closed');
      expect(resumed.messages.map((x) => [sessionOf(x), typeOf(x)])).toEqual([
        [b, 'session.created'],
        [b, 'session.closed'],
        [a, 'session.closed'],
      ]);
      const ids = resumed.messages.map((x) => x.id ?? '');
      expect(ids).toEqual([...ids].sort());
    } finally {
      resumed.close();
    }
  });

  it('filters by session when asked', async () => {
    const c = await session(4);
    const stream = await openSse(`${ctx.t.baseUrl}/v1/events/stream?sessionId=${c}`, auth);
    try {
      await session(5);
      await ctx.t.api('DELETE', `/v1/sessions/${c}`);
      await stream.waitFor((x) => typeOf(x) === 'session.closed');
      expect(stream.messages.map(sessionOf)).toEqual([c]);
    } finally {
      stream.close();
    }
  });

  it('serves many streams from one reader, and ends them all when the app stops', async () => {
    const other = await startApp(ctx.redis.url);
    const streams = await Promise.all(Array.from({ length: 5 }, () => openSse(`${other.baseUrl}/v1/events/stream`, auth)));
    const clientsBefore = Number(/connected_clients:(\d+)/.exec(await ctx.db.info('clients'))?.[1]);
    const d = await session(6);
    await Promise.all(streams.map((s) => s.waitFor((x) => sessionOf(x) === d)));
    const started = Date.now();
    await other.stop();
    expect(Date.now() - started).toBeLessThan(3000);
    const clientsAfter = Number(/connected_clients:(\d+)/.exec(await ctx.db.info('clients'))?.[1]);
    // One blocking reader served the five streams: stopping closed the app's connection and that reader only.
    expect(clientsBefore - clientsAfter).toBe(2);
    for (const s of streams) s.close();
  });
});
