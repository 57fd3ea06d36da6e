/** Webhook receiver for bench/events: counts deliveries, checks per-session order, reports when `expected` arrived. */
import { createServer } from 'node:http';

const [port, expected] = process.argv.slice(2).map(Number) as [number, number];
const seen = new Set<string>();
const lastType = new Map<string, string>();
let outOfOrder = 0;
let first = 0;
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    const e = JSON.parse(body) as { id: string; type: string; sessionId: string };
    first ||= Date.now();
    if (!seen.has(e.id)) {
      seen.add(e.id);
      if (e.type === 'session.closed' && lastType.get(e.sessionId) !== 'session.created') outOfOrder++;
      lastType.set(e.sessionId, e.type);
    }
    res.statusCode = 204;
    res.end();
    if (seen.size === expected) process.send?.({ count: seen.size, ms: Date.now() - first, outOfOrder });
  });
});
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () => process.send?.('ready'));
