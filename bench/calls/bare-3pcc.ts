/**
 * The reference for request-a-call: a bare drachtio-srf script placing the same
 * two legs Masq does (INVITE A without SDP, ACK holding it, INVITE B with A's
 * offer, re-INVITE A with B's answer, BYE both after `holdMs`), started by a
 * plain HTTP POST — no Redis, no records, no SDP filtering, no checks. Usage:
 *   tsx bench/calls/bare-3pcc.ts <drachtio port> <secret> <far end host:port> <http port> <hold ms>
 * POST /call?first=<number>&second=<number> → 202; GET /stats → {"bridged":n,"failed":n}.
 */
import { createServer } from 'node:http';
import Srf from 'drachtio-srf';

const [port, secret, farEnd, httpPort, holdMs] = process.argv.slice(2);
const srf = new Srf();
(srf.connect as (o: object) => unknown)({ host: '127.0.0.1', port: Number(port), secret });
const stats = { bridged: 0, failed: 0 };
let [attached, listening] = [false, false];

type Late = { sdp: string; ack(sdp: string): Promise<Srf.Dialog> };
const hold = (offer: string) => offer.replace(/a=sendrecv/g, 'a=inactive');

async function call(first: string, second: string): Promise<void> {
  const late = (await srf.createUAC(`sip:${first}@${farEnd}`, { noAck: true, headers: { From: `<sip:+10000000001@127.0.0.1>` } } as Srf.CreateUACOptions)) as unknown as Late;
  const a = await late.ack(hold(late.sdp));
  const b = await srf.createUAC(`sip:${second}@${farEnd}`, { localSdp: late.sdp, headers: { From: `<sip:+10000000002@127.0.0.1>` } });
  await a.modify(b.remote.sdp);
  stats.bridged++;
  setTimeout(() => {
    void a.destroy().catch(() => undefined);
    void b.destroy().catch(() => undefined);
  }, Number(holdMs));
}

createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  if (req.method === 'POST' && url.pathname === '/call') {
    res.writeHead(202).end();
    call(url.searchParams.get('first') ?? '', url.searchParams.get('second') ?? '').catch(() => stats.failed++);
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(stats));
}).listen(Number(httpPort), '127.0.0.1', () => {
  listening = true;
  if (attached) process.send?.('ready');
});
srf.on('connect', () => {
  attached = true;
  if (listening) process.send?.('ready');
});

process.on('SIGTERM', () => {
  srf.disconnect();
  process.exit(0);
});
