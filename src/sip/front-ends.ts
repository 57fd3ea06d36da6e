/**
 * The drachtio-servers this instance attaches to (MASQ_DRACHTIO): one drachtio-srf
 * application per server, each connected on its own and reconnecting by itself,
 * so two or more SIP front ends share one pool of Masq instances and losing one
 * leaves the others serving.
 *
 * A call is answered and continued through the server it arrived on (its
 * dialogs live on that server's connection). Calls Masq starts itself (request-
 * a-call) and the legs to media servers go through the first attached server in
 * the configured order: list the server on the same machine first.
 */
import type Srf from 'drachtio-srf';
import type { Logger } from '../logger.js';
import { createOutageLog } from '../outage-log.js';
import { createSrf, detachSrf, type SipServer } from './srf.js';
import { Admission } from './admission.js';

export interface FrontEndAddress {
  readonly host: string;
  readonly port: number;
  readonly secret: string;
}

/** One drachtio-server: its application object and whether it is attached now. */
export interface FrontEnd {
  /** host:port of its admin connection (logs, /readyz, metrics). */
  readonly name: string;
  readonly srf: SipServer;
  readonly attached: boolean;
  /** Whether it keeps up: the rate of new calls it is given (admission.ts). */
  readonly admission: Admission;
}

interface Slot {
  readonly name: string;
  readonly address: FrontEndAddress;
  readonly srf: SipServer;
  readonly admission: Admission;
  attached: boolean;
}

export interface FrontEndOptions {
  /** How far (ms) callers' ACKs may lag their usual before new calls are shed (admission.ts); 0: never. */
  ackDelayTargetMs?: number;
}

/** The SIP front ends, attached or not. */
export class FrontEnds {
  private readonly slots: Slot[];
  private stopped = false;
  private readonly lostListeners: ((srf: SipServer) => void)[] = [];

  constructor(addresses: readonly FrontEndAddress[], private readonly log: Logger, opts: FrontEndOptions = {}) {
    if (addresses.length === 0) throw new Error('at least one drachtio-server is needed');
    this.slots = addresses.map((address) => {
      const name = `${address.host}:${address.port}`;
      const admission = new Admission({
        targetMs: opts.ackDelayTargetMs ?? 0,
        onChange: (limit, ackDelayMs) =>
          limit !== Infinity
            ? log.warn({ drachtio: name, ackDelayMs, targetMs: opts.ackDelayTargetMs, callsPerS: Math.round(limit) }, 'drachtio-server is falling behind: shedding new calls (503)')
            : log.info({ drachtio: name, ackDelayMs }, 'drachtio-server keeping up again: taking every call'),
      });
      const slot: Slot = { name, address, srf: createSrf(), admission, attached: false };
      this.watch(slot);
      return slot;
    });
  }

  /** The front end a request came in on (its application is the request's `srf`). */
  of(srf: SipServer): FrontEnd | undefined {
    return this.slots.find((s) => s.srf === srf);
  }

  /** Per front end: the share of new calls taken over the last second (1: all), and the limit on them (calls/s; Infinity: none). */
  admissionState(): { name: string; ratio: number; limit: number }[] {
    return this.slots.map((s) => ({ name: s.name, ratio: s.admission.ratio, limit: s.admission.limit }));
  }

  /** Every front end, in the configured order. */
  get all(): readonly FrontEnd[] {
    return this.slots;
  }

  /** True while at least one front end is attached. */
  isAttached(): boolean {
    return this.slots.some((s) => s.attached);
  }

  /** Per front end: up or down. */
  state(): { name: string; status: 'up' | 'down' }[] {
    return this.slots.map((s) => ({ name: s.name, status: s.attached ? 'up' : 'down' }));
  }

  /** The first attached front end in the configured order, for calls Masq starts itself. */
  pick(): SipServer | undefined {
    return this.slots.find((s) => s.attached)?.srf;
  }

  /**
   * What drachtio-fsmrf is given as its application: UAS dialogs on the server
   * the request came in on, UAC legs (to a media server) on the first attached one.
   */
  forMedia(): SipServer {
    const first = this.slots[0] as Slot;
    const pick = (): SipServer => this.pick() ?? first.srf;
    const facade = {
      createUAC: (...args: unknown[]) => (pick().createUAC as (...a: unknown[]) => unknown)(...args),
      createUAS: (req: Srf.SrfRequest, ...rest: unknown[]) => {
        const own = (req as Srf.SrfRequest & { srf?: SipServer }).srf ?? pick();
        return (own.createUAS as (...a: unknown[]) => unknown)(req, ...rest);
      },
    };
    return facade as unknown as SipServer;
  }

  /** Calls `listener` with a front end's application whenever its connection is lost (its calls with it). */
  onLost(listener: (srf: SipServer) => void): void {
    this.lostListeners.push(listener);
  }

  /** Connects to every front end; each retries by itself while unreachable. */
  start(): void {
    for (const slot of this.slots) {
      const { host, port, secret } = slot.address;
      this.log.info({ drachtio: slot.name }, 'connecting to drachtio-server');
      slot.admission.start();
      // Attach state comes from the 'connect'/'close' events; drachtio-srf retries by itself.
      slot.srf.connect({ host, port, secret, reconnect: { retryMaxDelay: 2000 } });
    }
  }

  /** Detaches from every front end (attached or still trying); idempotent. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const slot of this.slots) {
      detachSrf(slot.srf);
      slot.admission.stop();
      slot.attached = false;
    }
  }

  /** While a front end cannot be reached, one line every few seconds says where and why. */
  private watch(slot: Slot): void {
    const outage = createOutageLog({ log: this.log, what: 'drachtio-server', where: slot.name });
    const { srf } = slot;
    srf.on('connect', (err, hostport) => {
      // Reached, but our secret refused: said like an outage (drachtio-srf keeps retrying), with the fix.
      if (err) return outage.failed(new Error(`${err instanceof Error ? err.message : String(err)} (MASQ_DRACHTIO_SECRET must be its --secret)`));
      slot.attached = true;
      outage.recovered();
      this.log.info({ drachtio: slot.name, hostport }, 'attached to drachtio-server');
    });
    const lost = () => {
      slot.attached = false;
      for (const l of this.lostListeners) l(srf);
    };
    srf.on('error', (err) => {
      if (this.stopped) return;
      if (!slot.attached) return outage.failed(err);
      this.log.warn({ err, drachtio: slot.name }, 'drachtio connection error');
      lost();
    });
    srf.on('close', () => {
      if (!slot.attached || this.stopped) return;
      this.log.warn({ drachtio: slot.name }, 'drachtio connection lost; reconnecting');
      lost();
    });
  }
}
