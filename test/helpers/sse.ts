/**
 * A small server-sent-events reader over fetch, for tests: opens a stream, parses
 * its messages and lets a test wait for the ones it expects.
 */
export interface SseMessage {
  id: string | undefined;
  data: string;
}

export interface SseStream {
  status: number;
  headers: Headers;
  /** Every message received so far. */
  messages: SseMessage[];
  /** Waits until a message matching `pred` has arrived (or throws after `ms`). */
  waitFor(pred: (m: SseMessage) => boolean, ms?: number): Promise<SseMessage>;
  close(): void;
}

/** Opens `url` as an event stream with the given headers. */
export async function openSse(url: string, headers: Record<string, string>): Promise<SseStream> {
  const ctrl = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: ctrl.signal });
  const messages: SseMessage[] = [];
  const waiters = new Set<() => void>();
  if (res.ok && res.body) {
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      let buf = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buf += value;
          let end: number;
          while ((end = buf.indexOf('\n\n')) >= 0) {
            const block = buf.slice(0, end);
            buf = buf.slice(end + 2);
            let id: string | undefined;
            const data: string[] = [];
            for (const line of block.split('\n')) {
              if (line.startsWith('id: ')) id = line.slice(4);
              else if (line.startsWith('data: ')) data.push(line.slice(6));
            }
            if (data.length > 0) messages.push({ id, data: data.join('\n') });
          }
          for (const w of waiters) w();
        }
      } catch {
        // aborted
      }
    })();
  } else {
    await res.body?.cancel();
  }
  return {
    status: res.status,
    headers: res.headers,
    messages,
    waitFor(pred, ms = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = messages.find(pred);
          if (!m) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(m);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching event in ${ms} ms (got ${messages.length})`));
        }, ms);
        waiters.add(check);
        check();
      });
    },
    close: () => ctrl.abort(),
  };
}
