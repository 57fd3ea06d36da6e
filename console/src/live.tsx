/**
 * The console's one live feed: the recent event log (read once) plus the event
 * stream, shared by every page. Each event also marks the cached API answers it
 * changes as stale, so open pages refresh by themselves.
 */
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, ok, type MasqEvent } from './api/client';
import { followEvents, type StreamState } from './api/stream';
import { addEvent, type Bins } from './stats';

/** Raw events kept in memory for the overview (its figures are folded into bins). */
const KEEP = 2000;
/** Pages of history read at start (200 events each). */
const HISTORY_PAGES = 5;
/** Events arriving within this long are applied (and their caches invalidated) together. */
const BATCH_MS = 300;

interface Live {
  /** Newest last. */
  events: MasqEvent[];
  /** Per-minute call figures (see stats.ts); a new Map object on every change. */
  bins: Bins;
  state: StreamState;
}

const LiveContext = createContext<Live>({ events: [], bins: new Map(), state: 'connecting' });

const byId = (a: MasqEvent, b: MasqEvent): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The query keys an event makes stale. */
function staleKeys(e: MasqEvent): string[][] {
  const keys = [['session', e.sessionId], ['sessions'], ['webhooks']];
  if (e.type.startsWith('session.')) keys.push(['pools']);
  const callId = (e.call as { id?: string } | undefined)?.id;
  if (callId) keys.push(['call', callId], ['calls']);
  return keys;
}

/** The live feed for the pages below it. */
export function LiveProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const [live, setLive] = useState<Live>({ events: [], bins: new Map(), state: 'connecting' });

  useEffect(() => {
    let stopped = false;
    const seen = new Set<string>();
    const bins: Bins = new Map();
    let pending: MasqEvent[] = [];
    const stale = new Map<string, string[]>();
    let timer: ReturnType<typeof setTimeout> | undefined;

    // Applies what arrived since the last flush: one render and one invalidation per key,
    // however busy the system (a thousand calls a second must not mean a thousand renders).
    const flush = () => {
      timer = undefined;
      const fresh = pending.filter((e) => !seen.has(e.id)).sort(byId);
      pending = [];
      for (const e of fresh) {
        seen.add(e.id);
        addEvent(bins, e, Date.now());
      }
      if (fresh.length > 0) {
        setLive((l) => {
          const events = [...l.events, ...fresh].sort(byId).slice(-KEEP);
          if (seen.size > 3 * KEEP) {
            seen.clear();
            for (const e of events) seen.add(e.id);
          }
          return { ...l, events, bins: new Map(bins) };
        });
      }
      for (const key of stale.values()) void qc.invalidateQueries({ queryKey: key });
      stale.clear();
    };
    const add = (batch: MasqEvent[], live: boolean) => {
      pending.push(...batch);
      if (live) for (const e of batch) for (const k of staleKeys(e)) stale.set(JSON.stringify(k), k);
      timer ??= setTimeout(flush, BATCH_MS);
    };
    const stop = followEvents({
      onEvent: (e) => add([e], true),
      onState: (state) => setLive((l) => ({ ...l, state })),
    });
    // History after the stream is open: the two overlap rather than leave a gap.
    void (async () => {
      let cursor: string | undefined;
      for (let i = 0; i < HISTORY_PAGES && !stopped; i++) {
        const page = await ok(api.GET('/v1/events', { params: { query: { limit: 200, ...(cursor ? { cursor } : {}) } } })).catch(() => undefined);
        if (!page) break;
        add(page.items, false);
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
    })();
    return () => {
      stopped = true;
      clearTimeout(timer);
      stop();
    };
  }, [qc]);

  return <LiveContext.Provider value={live}>{children}</LiveContext.Provider>;
}

/** The shared live feed. */
export function useLive(): Live {
  return useContext(LiveContext);
}

/** What a call event carries about its call (the fields the console reads). */
export interface CallInEvent {
  id: string;
  direction: 'first-to-second' | 'second-to-first' | 'out-of-session' | null;
  state: string;
  startedAt: string | null;
  ringingAt: string | null;
  answeredAt: string | null;
  endedAt: string | null;
  durationSeconds: number;
  sipStatus: number | null;
  hungUpBy: string | null;
  endReason: string | null;
}

/** The call inside a call.* event. */
export function callOf(e: MasqEvent): CallInEvent | undefined {
  return e.call as CallInEvent | undefined;
}
