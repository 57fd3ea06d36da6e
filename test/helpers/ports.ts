/** Free ports on loopback. */
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';

function freeTcpPort(): Promise<number> {
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

function udpFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createSocket('udp4');
    s.once('error', () => {
      s.close();
      resolve(false);
    });
    s.bind(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/**
 * A port that was free a moment ago on 127.0.0.1, for TCP and UDP alike (SIP
 * and sipp use both: a port only TCP-free may still be held by a sipp on UDP).
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const port = await freeTcpPort();
    if ((await udpFree(port)) || attempt >= 20) return port;
  }
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
