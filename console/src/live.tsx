/**
 * The console's one live feed: the recent event log (read once) plus the event
 * stream, shared by every page. Each event also marks the cached API answers it
 * changes as stale, so open pages refresh by themselves.
 */
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, ok, type MasqEvent } from './api/client';
import { followEvents, type StreamState } from './api/stream';

/** Events kept in memory for the overview and the calls list. */
const KEEP = 2000;
/** Pages of history read at start (200 events each). */
const HISTORY_PAGES = 5;

interface Live {
  /** Newest last. */
  events: MasqEvent[];
  state: StreamState;
}

const LiveContext = createContext<Live>({ events: [], state: 'connecting' });

/** The live feed for the pages below it. */
export function LiveProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const [live, setLive] = useState<Live>({ events: [], state: 'connecting' });

  useEffect(() => {
    let stopped = false;
    const seen = new Set<string>();
    const add = (batch: MasqEvent[]) => {
      const fresh = batch.filter((e) => !seen.has(e.id));
      for (const e of fresh) seen.add(e.id);
      if (fresh.length === 0) return;
      setLive((l) => {
        const events = [...l.events, ...fresh].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        return { ...l, events: events.slice(-KEEP) };
      });
    };
    const stop = followEvents({
      onEvent: (e) => {
        add([e]);
        void qc.invalidateQueries({ queryKey: ['session', e.sessionId] });
        void qc.invalidateQueries({ queryKey: ['sessions'] });
        void qc.invalidateQueries({ queryKey: ['webhooks'] });
        if (e.type.startsWith('session.')) void qc.invalidateQueries({ queryKey: ['pools'] });
        const callId = (e.call as { id?: string } | undefined)?.id;
        if (callId) void qc.invalidateQueries({ queryKey: ['call', callId] });
      },
      onState: (state) => setLive((l) => ({ ...l, state })),
    });
    // History after the stream is open: the two overlap rather than leave a gap.
    void (async () => {
      let cursor: string | undefined;
      for (let i = 0; i < HISTORY_PAGES && !stopped; i++) {
        const page = await ok(api.GET('/v1/events', { params: { query: { limit: 200, ...(cursor ? { cursor } : {}) } } })).catch(() => undefined);
        if (!page) break;
        add(page.items);
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
    })();
    return () => {
      stopped = true;
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
