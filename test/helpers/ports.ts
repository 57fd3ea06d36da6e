/** Free TCP ports on loopback. */
import { createServer } from 'node:net';

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves once something has bound UDP `port` on 127.0.0.1 (e.g. a sipp UAS). */
export async function waitUdpBound(port: number, ms = 5000): Promise<void> {
  const { createSocket } = await import('node:dgram');
  const until = Date.now() + ms;
  for (;;) {
    const inUse = await new Promise<boolean>((resolve) => {
      const s = createSocket('udp4');
      s.once('error', () => {
        s.close();
        resolve(true);
      });
      s.bind(port, '127.0.0.1', () => s.close(() => resolve(false)));
    });
    if (inUse) return;
    if (Date.now() > until) throw new Error(`nothing bound UDP ${port}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
