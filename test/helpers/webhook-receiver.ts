/** A real HTTP webhook receiver on loopback, programmable per path. */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { freePort } from './ports.js';

export interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  json: Record<string, any>;
  at: number;
}

/** An answer: a status (body 'ok'), a status with a JSON body, or 'hang' (never answer). */
export type Answer = number | 'hang' | { status: number; json: unknown };

/** What to do with the n-th request (0-based) to a path. */
export type Behaviour = (n: number, r: Received) => Answer | Promise<Answer>;

export interface Receiver {
  url(path: string): string;
  on(path: string, b: Behaviour): void;
  received(path: string): Received[];
  /** Waits until `path` has at least `n` requests. */
  waitFor(path: string, n: number, ms?: number): Promise<Received[]>;
  stop(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const port = await freePort();
  const got = new Map<string, Received[]>();
  const behaviours = new Map<string, Behaviour>();
  const hanging = new Set<() => void>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString();
      const path = req.url ?? '/';
      const r: Received = { path, headers: req.headers, body, json: JSON.parse(body || '{}'), at: Date.now() };
      const list = got.get(path) ?? [];
      list.push(r);
      got.set(path, list);
      const outcome = await (behaviours.get(path) ?? (() => 200))(list.length - 1, r);
      if (outcome === 'hang') {
        hanging.add(() => res.destroy());
        return;
      }
      if (typeof outcome === 'object') {
        res.statusCode = outcome.status;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(outcome.json));
        return;
      }
      res.statusCode = outcome;
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    on: (path, b) => behaviours.set(path, b),
    received: (path) => got.get(path) ?? [],
    async waitFor(path, n, ms = 10_000) {
      const until = Date.now() + ms;
      while ((got.get(path) ?? []).length < n) {
        if (Date.now() > until) throw new Error(`${path}: ${(got.get(path) ?? []).length} of ${n} requests`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return got.get(path) ?? [];
    },
    async stop() {
      for (const h of hanging) h();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
