/**
 * A client for rtpengine's ng control protocol: bencoded dictionaries over UDP,
 * each prefixed with a cookie that the answer repeats. Requests are resent until
 * answered or timed out; a server that timed out is avoided for a while when
 * several are configured.
 */
import { createSocket, type Socket } from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { decode, encode, type BValue } from './bencode.js';

export interface NgServer {
  host: string;
  port: number;
}

/** rtpengine did not answer, or answered with an error. */
export class NgError extends Error {
  override readonly name = 'NgError';
}

const RESEND_MS = 250;
const AVOID_MS = 10_000;

/** Sends ng commands to one of several rtpengine servers and matches their answers by cookie. */
export class NgClient {
  private readonly socket: Socket;
  private readonly pending = new Map<string, { resolve: (v: Record<string, BValue>) => void }>();
  private readonly downUntil = new Map<string, number>();
  private next = 0;

  constructor(
    private readonly servers: readonly NgServer[],
    private readonly timeoutMs = 1500,
  ) {
    this.socket = createSocket(servers.some((s) => s.host.includes(':')) ? 'udp6' : 'udp4');
    this.socket.on('message', (msg) => this.onMessage(msg));
    this.socket.on('error', () => undefined);
    this.socket.unref();
  }

  /** A server for a new call: round robin over those not recently unresponsive. */
  pick(): NgServer {
    const now = Date.now();
    for (let n = 0; n < this.servers.length; n++) {
      const s = this.servers[(this.next + n) % this.servers.length] as NgServer;
      if ((this.downUntil.get(`${s.host}:${s.port}`) ?? 0) <= now) {
        this.next = (this.next + n + 1) % this.servers.length;
        return s;
      }
    }
    return this.servers[this.next++ % this.servers.length] as NgServer;
  }

  private onMessage(msg: Buffer): void {
    const space = msg.indexOf(0x20);
    if (space < 0) return;
    const cookie = msg.subarray(0, space).toString();
    const waiter = this.pending.get(cookie);
    if (!waiter) return;
    try {
      const body = decode(msg.subarray(space + 1));
      if (body && typeof body === 'object' && !Array.isArray(body)) waiter.resolve(body);
    } catch {
      // a garbled answer: the resend or the timeout settles it
    }
  }

  /**
   * Sends one command to `server` and resolves with rtpengine's answer.
   *
   * @throws NgError on timeout or `result: error`.
   */
  async command(server: NgServer, command: string, args: Record<string, BValue>): Promise<Record<string, BValue>> {
    const cookie = randomBytes(8).toString('hex');
    const packet = Buffer.from(`${cookie} ${encode({ ...args, command })}`);
    const send = () => this.socket.send(packet, server.port, server.host);
    let resend: NodeJS.Timeout | undefined;
    let timeout: NodeJS.Timeout | undefined;
    try {
      const answer = await new Promise<Record<string, BValue>>((resolve, reject) => {
        this.pending.set(cookie, { resolve });
        send();
        resend = setInterval(send, RESEND_MS);
        timeout = setTimeout(() => {
          this.downUntil.set(`${server.host}:${server.port}`, Date.now() + AVOID_MS);
          reject(new NgError(`rtpengine ${server.host}:${server.port} did not answer ${command}`));
        }, this.timeoutMs);
      });
      if (answer.result === 'error') throw new NgError(`rtpengine ${command}: ${String(answer['error-reason'] ?? 'error')}`);
      return answer;
    } finally {
      clearInterval(resend);
      clearTimeout(timeout);
      this.pending.delete(cookie);
    }
  }

  close(): void {
    this.socket.close();
  }
}
