/**
 * The smallest FreeSWITCH event socket client: authenticate, run one API
 * command, return its output (what `fs_cli -x` does), for a FreeSWITCH whose
 * fs_cli is not on this machine (one in another container).
 */
import { connect } from 'node:net';

export interface EventSocketAddress {
  host: string;
  port: number;
  secret: string;
}

/**
 * Parses `host:port:secret`, the form MASQ_MEDIA_SERVERS takes.
 *
 * @example parseEventSocket('127.0.0.1:8021:ClueCon') // { host: '127.0.0.1', port: 8021, secret: 'ClueCon' }
 */
export function parseEventSocket(s: string): EventSocketAddress {
  const m = /^([^:]+):(\d+):(.+)$/.exec(s.trim());
  if (!m) throw new Error(`not host:port:secret: ${s}`);
  return { host: m[1] as string, port: Number(m[2]), secret: m[3] as string };
}

/** Splits one message off the front of `buf`: headers, then Content-Length bytes of body. */
function nextMessage(buf: Buffer): { headers: Record<string, string>; body: string; rest: Buffer } | undefined {
  const end = buf.indexOf('\n\n');
  if (end < 0) return undefined;
  const headers: Record<string, string> = {};
  for (const line of buf.subarray(0, end).toString().split('\n')) {
    const i = line.indexOf(': ');
    if (i > 0) headers[line.slice(0, i)] = line.slice(i + 2);
  }
  const length = Number(headers['Content-Length'] ?? 0);
  if (buf.length < end + 2 + length) return undefined;
  return { headers, body: buf.subarray(end + 2, end + 2 + length).toString(), rest: buf.subarray(end + 2 + length) };
}

/**
 * Runs `api <command>` and resolves with its output; rejects on a refused
 * password, a closed connection or no answer within `timeoutMs`.
 *
 * @example await eslApi({ host: '127.0.0.1', port: 8021, secret }, 'show channels count')
 */
export function eslApi(to: EventSocketAddress, command: string, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = connect(to.port, to.host);
    let buf: Buffer = Buffer.alloc(0);
    let settled = false;
    const finish = (err: Error | undefined, out = '') => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      sock.destroy();
      if (err) reject(err);
      else resolve(out);
    };
    const timer = setTimeout(() => finish(new Error(`event socket ${to.host}:${to.port}: no answer to "${command}" within ${timeoutMs} ms`)), timeoutMs);
    sock.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      for (let m = nextMessage(buf); m; m = nextMessage(buf)) {
        buf = m.rest;
        const type = m.headers['Content-Type'];
        if (type === 'auth/request') sock.write(`auth ${to.secret}\n\n`);
        else if (type === 'command/reply' && !m.headers['Reply-Text']?.startsWith('+OK')) finish(new Error(`event socket ${to.host}:${to.port}: ${m.headers['Reply-Text']}`));
        else if (type === 'command/reply') sock.write(`api ${command}\n\n`);
        else if (type === 'api/response') finish(undefined, m.body);
      }
    });
    sock.on('error', (err) => finish(err));
    sock.on('close', () => finish(new Error(`event socket ${to.host}:${to.port} closed before answering "${command}"`)));
  });
}
