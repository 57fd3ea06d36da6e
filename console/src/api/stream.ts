/**
 * Follows GET /v1/events/stream. EventSource cannot send an Authorization header,
 * so this reads the stream with fetch and parses it with eventsource-parser; on
 * a drop it reconnects with Last-Event-ID and so misses nothing the log holds.
 */
import { createParser } from 'eventsource-parser';
import { getKey } from '../auth';
import type { MasqEvent } from './client';

export type StreamState = 'connecting' | 'live' | 'retrying';

export interface StreamHandlers {
  onEvent(e: MasqEvent): void;
  onState(s: StreamState): void;
}

/** Opens the stream; the returned function closes it for good. */
export function followEvents(h: StreamHandlers): () => void {
  let lastId: string | undefined;
  let stopped = false;
  let ctrl: AbortController | undefined;
  let retryMs = 2000;

  const connect = async (): Promise<void> => {
    while (!stopped) {
      ctrl = new AbortController();
      h.onState('connecting');
      try {
        const headers: Record<string, string> = { accept: 'text/event-stream', authorization: `Bearer ${getKey() ?? ''}` };
        if (lastId) headers['last-event-id'] = lastId;
        const res = await fetch('/v1/events/stream', { headers, signal: ctrl.signal });
        if (res.status === 401) return;
        if (!res.ok || !res.body) throw new Error(`stream answered ${res.status}`);
        h.onState('live');
        const parser = createParser({
          onEvent: (m) => {
            if (m.id) lastId = m.id;
            try {
              h.onEvent(JSON.parse(m.data) as MasqEvent);
            } catch {
              // Not an event (a future message kind): ignored.
            }
          },
          onRetry: (ms) => {
            retryMs = ms;
          },
        });
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          parser.feed(value);
        }
      } catch {
        if (stopped) return;
      }
      h.onState('retrying');
      await new Promise((r) => setTimeout(r, retryMs));
    }
  };
  void connect();
  return () => {
    stopped = true;
    ctrl?.abort();
  };
}
