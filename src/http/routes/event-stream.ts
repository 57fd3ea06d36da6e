/**
 * GET /v1/events/stream: the event log live, as server-sent events. Each message
 * is one event in the same JSON as GET /v1/events, its SSE `id` the event id, so
 * a client that reconnects with `Last-Event-ID` gets what it missed from the log
 * (while the log holds it) and then the live events, with no gap and no repeat.
 */
import type { Response } from 'express';
import { z } from 'zod';
import { ValidationFailed } from '../../errors.js';
import { publicEvent, type StoredEvent } from '../../masking/event-codec.js';
import { compareEventIds, type EventTail } from '../../store/event-tail.js';
import type { Store } from '../../store/index.js';
import { route, type Route } from '../route.js';

const EVENT_ID = /^\d{1,20}-\d{1,20}$/;
const U64_MAX = 2n ** 64n - 1n;

/** A stream id Redis accepts as the exclusive start of a range (both parts 64-bit, not the very last id). */
function isEventId(s: string): boolean {
  if (!EVENT_ID.test(s)) return false;
  const [ms = 0n, seq = 0n] = s.split('-').map((x) => BigInt(x));
  return ms <= U64_MAX && seq <= U64_MAX && !(ms === U64_MAX && seq === U64_MAX);
}
/** Events replayed per read while catching a resuming client up. */
const REPLAY_PAGE = 500;
/** A comment line this often keeps proxies and idle timers from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;

const streamQuery = z.strictObject({
  sessionId: z.string().max(64).optional().meta({ description: 'Only this session’s events' }),
});
const streamHeaders = z.object({
  'last-event-id': z
    .string()
    .regex(EVENT_ID, 'an event id')
    .optional()
    .meta({ description: 'Resume after this event id: the events since are replayed from the log first' }),
});

/** One SSE message: `id`, then the event JSON on one `data` line. */
export function sseFrame(event: StoredEvent): string {
  return `id: ${event.id}\ndata: ${JSON.stringify(publicEvent(event))}\n\n`;
}

/** Writes, waiting for the socket to drain when its buffer is full (a long replay). */
async function write(res: Response, chunk: string): Promise<void> {
  if (res.write(chunk)) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** /v1/events/stream (server-sent events, resumable). */
export function eventStreamRoutes(deps: { store: Store; tail: EventTail }): Route[] {
  return [
    route({
      method: 'get', path: '/v1/events/stream', operationId: 'streamEvents', tag: 'events',
      summary: 'The event log live, as server-sent events (resumable with Last-Event-ID)',
      query: streamQuery,
      headers: streamHeaders,
      ok: {
        status: 200,
        contentType: 'text/event-stream',
        description:
          'An open stream: each message has `id:` (the event id) and `data:` (the event, as in GET /v1/events); a `: keep-alive` comment every 15 s',
      },
      errors: [400, 401, 503],
      handle: async ({ query, req, res }) => {
        const raw = req.get('last-event-id');
        if (raw !== undefined && !isEventId(raw)) {
          throw new ValidationFailed([{ field: 'Last-Event-ID', message: 'an event id' }]);
        }
        const wanted = (e: StoredEvent) => !query.sessionId || e.sessionId === query.sessionId;
        let sent = raw ?? '0-0';
        let live = false;
        const early: StoredEvent[] = [];
        const send = (e: StoredEvent): void => {
          if (compareEventIds(e.id, sent) <= 0) return;
          sent = e.id;
          if (wanted(e)) res.write(sseFrame(e));
        };
        // Subscribed before the replay is read, so nothing falls between the two.
        const off = deps.tail.subscribe(
          (e) => (live ? send(e) : early.push(e)),
          () => res.end(),
        );
        let replay: StoredEvent[] = [];
        try {
          if (raw !== undefined) replay = await deps.store.events.after(raw, REPLAY_PAGE);
        } catch (err) {
          off();
          throw err;
        }
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          'x-accel-buffering': 'no',
        });
        res.flushHeaders();
        let heartbeat: NodeJS.Timeout | undefined;
        let closed = false;
        res.on('close', () => {
          closed = true;
          off();
          clearInterval(heartbeat);
        });
        await write(res, 'retry: 2000\n: connected\n\n');
        // Catch up from the log page by page, then hand over to the live tail.
        while (replay.length > 0 && !closed) {
          for (const e of replay) {
            if (compareEventIds(e.id, sent) <= 0) continue;
            sent = e.id;
            if (wanted(e)) await write(res, sseFrame(e));
          }
          replay = replay.length === REPLAY_PAGE ? await deps.store.events.after(sent, REPLAY_PAGE).catch(() => []) : [];
        }
        for (const e of early) send(e);
        early.length = 0;
        live = true;
        heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
      },
    }),
  ];
}
