/**
 * Why no sentinel answers, in words an operator can act on. ioredis drops the
 * error of its sentinel connections and reports only "Connection is closed.",
 * which hides the usual causes (a certificate not trusted, TLS against a plain
 * port, a refused port). When every sentinel is unreachable, Masq opens one
 * TCP or TLS connection of its own to each sentinel, sends nothing, and names
 * the first cause it meets.
 */
import { connect as tcpConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { RedisSentinels } from '../config-types.js';
import { describeCause, OUTAGE_REPEAT_MS } from '../outage-log.js';

type Node = RedisSentinels['nodes'][number];

const hostPort = (n: Node): string => `${n.host.includes(':') ? `[${n.host}]` : n.host}:${n.port}`;

/** Resolves with why `node` cannot be reached, or undefined when a connection (and TLS handshake) succeeds. */
export function probeSentinel(node: Node, tls: boolean, timeoutMs: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    let sock: Socket;
    const done = (cause: string | undefined) => {
      clearTimeout(timer);
      sock.destroy();
      resolve(cause);
    };
    const timer = setTimeout(() => done(`no ${tls ? 'TLS handshake' : 'connection'} within ${timeoutMs} ms`), timeoutMs);
    if (tls) {
      sock = tlsConnect({ host: node.host, port: node.port, ...(isIP(node.host) ? {} : { servername: node.host }) });
      sock.once('secureConnect', () => done(undefined));
    } else {
      sock = tcpConnect({ host: node.host, port: node.port });
      sock.once('connect', () => done(undefined));
    }
    sock.once('error', (err) => done(describeCause(err)));
  });
}

/**
 * Turns ioredis' "All sentinels are unreachable … Connection is closed." into
 * one that names a sentinel and its cause. Probes at most once per outage line
 * (every few seconds), however often ioredis retries.
 *
 * @example const why = sentinelDiagnosis(sentinels, 1500); redis.on('error', async (e) => outage.failed(await why.explain(e)));
 */
export function sentinelDiagnosis(s: RedisSentinels, timeoutMs: number, now: () => number = Date.now): { explain(err: Error): Promise<Error> } {
  let last: { at: number; cause: Promise<string | undefined> } | undefined;
  const probeAll = async (): Promise<string | undefined> => {
    const causes = await Promise.all(s.nodes.map((n) => probeSentinel(n, s.tls, timeoutMs)));
    const i = causes.findIndex((c) => c !== undefined);
    return i < 0 ? undefined : `${hostPort(s.nodes[i] as Node)}: ${causes[i] as string}`;
  };
  return {
    async explain(err) {
      if (!err.message.startsWith('All sentinels are unreachable')) return err;
      if (!last || now() - last.at >= OUTAGE_REPEAT_MS) last = { at: now(), cause: probeAll() };
      const cause = await last.cause;
      return cause ? new Error(`all sentinels unreachable (${cause})`) : err;
    },
  };
}
