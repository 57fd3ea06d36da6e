/**
 * FreeSWITCH media servers (MASQ_MEDIA_SERVERS), reached through drachtio-fsmrf.
 * Each is connected on its own and reconnected with backoff whenever its event
 * socket drops; calls go to the connected one carrying the fewest Masq calls.
 * With none connected, callers of `acquire` get MediaUnavailable and decide:
 * a prompt falls back to a bare SIP status, a required recording refuses the call.
 */
import Mrf from 'drachtio-fsmrf';
import type Srf from 'drachtio-srf';
import { MediaUnavailable } from '../errors.js';
import type { Logger } from '../logger.js';

/** One event socket, as configured: host:port:secret. */
export interface MediaServerAddress {
  host: string;
  port: number;
  secret: string;
}

/** A media server lent to one call: give it back with release() when the call ends (idempotent). */
export interface MediaLease {
  server: Mrf.MediaServer;
  /** host:port of the event socket (for logs and records). */
  name: string;
  /** Calls `listener` if this server is lost while the lease is held. */
  onLost(listener: () => void): void;
  release(): void;
}

export interface MediaServersOptions {
  srf: Srf;
  servers: readonly MediaServerAddress[];
  /** Where FreeSWITCH connects back (fsmrf's outbound event socket listener; default: the first external IPv4). */
  listenAddress?: string;
  /** The address FreeSWITCH should use when it differs (NAT, containers). */
  advertisedAddress?: string;
  log: Logger;
  /** First and longest wait between reconnect attempts. */
  retryMinMs?: number;
  retryMaxMs?: number;
}

interface Slot {
  address: MediaServerAddress;
  name: string;
  server?: Mrf.MediaServer;
  calls: number;
  /** What each live lease wants done when the server is lost. */
  lostListeners: Set<() => void>;
  retryMs: number;
  timer?: NodeJS.Timeout;
  lastError?: string;
  /** The last failure was logged at this delay: a server that stays down is reported rarely. */
  loggedAt?: number;
}

/** The connected FreeSWITCH instances and how many Masq calls each carries. */
export class MediaServers {
  private readonly mrf: Mrf;
  private readonly slots: Slot[];
  private stopped = false;

  constructor(private readonly opts: MediaServersOptions) {
    this.mrf = new Mrf(opts.srf);
    this.slots = opts.servers.map((address) => ({
      address,
      name: `${address.host}:${address.port}`,
      calls: 0,
      lostListeners: new Set(),
      retryMs: opts.retryMinMs ?? 500,
    }));
  }

  /** True when at least one media server is configured. */
  get configured(): boolean {
    return this.slots.length > 0;
  }

  /** Starts connecting to every server (each retries by itself). */
  start(): void {
    for (const slot of this.slots) this.connect(slot);
  }

  /** Disconnects from every server and stops retrying. */
  stop(): void {
    this.stopped = true;
    for (const slot of this.slots) {
      clearTimeout(slot.timer);
      const s = slot.server;
      slot.server = undefined;
      try {
        s?.disconnect();
      } catch {
        // already gone
      }
    }
  }

  /** Lends the connected server with the fewest calls, or throws MediaUnavailable. */
  acquire(): MediaLease {
    let best: Slot | undefined;
    for (const slot of this.slots) {
      if (!slot.server?.connected()) continue;
      if (!best || slot.calls < best.calls) best = slot;
    }
    if (!best?.server) throw new MediaUnavailable('no media server (FreeSWITCH) connected');
    const slot = best;
    slot.calls++;
    let released = false;
    let listener: (() => void) | undefined;
    return {
      server: slot.server as Mrf.MediaServer,
      name: slot.name,
      onLost: (l) => {
        listener = l;
        slot.lostListeners.add(l);
      },
      release: () => {
        if (released) return;
        released = true;
        slot.calls--;
        if (listener) slot.lostListeners.delete(listener);
      },
    };
  }

  /** Per server: up or down (with why), and calls carried. */
  state(): { name: string; status: 'up' | 'down'; calls: number; error?: string }[] {
    return this.slots.map((s) => ({
      name: s.name,
      status: s.server?.connected() ? 'up' : 'down',
      calls: s.calls,
      ...(s.server?.connected() || !s.lastError ? {} : { error: s.lastError }),
    }));
  }

  private connect(slot: Slot): void {
    if (this.stopped) return;
    const { host, port, secret } = slot.address;
    this.mrf
      .connect({
        address: host,
        port,
        secret,
        ...(this.opts.listenAddress ? { listenAddress: this.opts.listenAddress } : {}),
        ...(this.opts.advertisedAddress ? { advertisedAddress: this.opts.advertisedAddress } : {}),
        profile: 'drachtio_mrf',
      })
      .then(
        (server) => {
          if (this.stopped) {
            server.disconnect();
            return;
          }
          slot.server = server;
          slot.retryMs = this.opts.retryMinMs ?? 500;
          slot.lastError = undefined;
          slot.loggedAt = undefined;
          this.opts.log.info({ mediaServer: slot.name }, 'media server connected');
          const lost = (why: string) => {
            if (slot.server !== server) return;
            slot.server = undefined;
            slot.lastError = why;
            try {
              server.disconnect();
            } catch {
              // already closed
            }
            this.opts.log.warn({ mediaServer: slot.name, reason: why, calls: slot.calls }, 'media server lost; reconnecting');
            // Its calls cannot go on: each ends itself with a record saying why.
            for (const l of [...slot.lostListeners]) l();
            this.retry(slot);
          };
          server.on('end', () => lost('event socket closed'));
          server.on('error', (err: Error) => lost(err.message));
        },
        (err: unknown) => {
          slot.lastError = err instanceof Error ? err.message : String(err);
          // Said once per backoff step, then only when the wait is at its longest: not once per attempt.
          if (slot.loggedAt !== slot.retryMs) {
            slot.loggedAt = slot.retryMs;
            this.opts.log.warn({ mediaServer: slot.name, reason: slot.lastError, retryInMs: slot.retryMs }, 'media server unreachable');
          }
          this.retry(slot);
        },
      );
  }

  private retry(slot: Slot): void {
    if (this.stopped) return;
    clearTimeout(slot.timer);
    slot.timer = setTimeout(() => this.connect(slot), slot.retryMs);
    slot.timer.unref();
    slot.retryMs = Math.min(slot.retryMs * 2, this.opts.retryMaxMs ?? 5000);
  }
}
