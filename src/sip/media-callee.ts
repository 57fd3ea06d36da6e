/**
 * The callee's leg of a media call (media-call.ts): an offerless INVITE (late
 * offer) from the proxy number, rung up to the ring timeout. Its 200 carries the
 * callee's own offer, a second endpoint answers it, and the ACK carries
 * FreeSWITCH's answer — the callee's codec preference wins and FreeSWITCH
 * transcodes where the parties differ.
 */
import type Srf from 'drachtio-srf';
import type Mrf from 'drachtio-fsmrf';
import type { TrunkConfig } from '../config.js';
import type { Logger } from '../logger.js';
import type { Route } from '../masking/types.js';
import type { HungUpBy } from '../store/calls.js';
import { outboundRequest } from './headers.js';
import { isLateOffer } from './media-legs.js';
import type { SdpFilter } from './sdp-filter.js';
import type { SipServer } from './srf.js';

const CODECS = ['PCMU', 'PCMA'];

type SipError = Error & { status?: number };

export interface MediaCalleeDeps {
  srf: SipServer;
  trunk: TrunkConfig;
  /** RFC 4028 interval offered on the INVITE; 0 offers none. */
  sessionTimerS: number;
  /** The media server the call's endpoints are on. */
  server: Mrf.MediaServer;
  filter: SdpFilter;
  log: Logger;
  /** True once the call is ending or the caller gave up. */
  over(): boolean;
  /** The callee's 180 or 183 (each time; the call counts the first). */
  onRinging(): void;
  /** The callee's endpoint exists: the call releases it when it ends. */
  onEndpoint(ep: Mrf.Endpoint): void;
  /** The callee's dialog, as soon as the ACK went out: the call hangs it up when it ends. */
  onAnswered(dialog: Srf.Dialog): void;
}

/**
 * How ringing ended: answered (the dialog went to onAnswered); not reached (what
 * the record says: rejected, ring timeout, an error); answered without SDP,
 * which leaves nothing to bridge; or the call ended meanwhile (`gone`, the
 * answered leg hung up).
 */
export type CalleeOutcome =
  | { kind: 'answered' }
  | { kind: 'not-reached'; reason: string; sipStatus: number; hungUpBy: HungUpBy }
  | { kind: 'no-sdp' }
  | { kind: 'gone' };

/** One callee leg: ring(), then stop() when the call ends (safe at any point). */
export class MediaCalleeLeg {
  private req: Srf.SrfRequest | undefined;
  private dialog: Srf.Dialog | undefined;
  private ringTimer: NodeJS.Timeout | undefined;
  private ringTimedOut = false;

  constructor(private readonly deps: MediaCalleeDeps) {}

  /** Rings `to` (from its caller id) for up to `ringS` seconds; an endpoint or ACK failure throws. */
  async ring(to: Pick<Route, 'target' | 'callerId'>, ringS: number): Promise<CalleeOutcome> {
    const { srf, trunk, filter } = this.deps;
    const { uri, headers } = outboundRequest(to, trunk, this.deps.sessionTimerS);
    this.ringTimer = setTimeout(() => this.ringTimeout(), ringS * 1000);
    let late: Srf.LateOfferAnswer | Srf.Dialog;
    try {
      late = await srf.createUAC(
        uri,
        { headers, noAck: true, ...(trunk.outboundAuth ? { auth: trunk.outboundAuth } : {}) },
        {
          cbRequest: (_err: unknown, r?: Srf.SrfRequest) => {
            this.req = r;
            if (this.deps.over()) this.cancel();
          },
          cbProvisional: (p: Srf.SrfResponse) => {
            if (p.status >= 180) this.deps.onRinging();
          },
        },
      );
    } catch (err) {
      clearTimeout(this.ringTimer);
      const status = (err as SipError).status;
      const reason = this.ringTimedOut ? 'ring-timeout' : typeof status === 'number' && status >= 400 ? 'callee-rejected' : 'outbound-error';
      const sipStatus = this.ringTimedOut ? 480 : (status ?? 502);
      return { kind: 'not-reached', reason, sipStatus, hungUpBy: reason === 'callee-rejected' ? 'callee' : 'masq' };
    }
    clearTimeout(this.ringTimer);
    if (!isLateOffer(late)) {
      // An answer without SDP to an offerless INVITE: nothing to bridge.
      await late.destroy().catch(() => undefined);
      return { kind: 'no-sdp' };
    }
    if (this.deps.over()) {
      await late.destroy().catch(() => undefined);
      return { kind: 'gone' };
    }
    let dialog: Srf.Dialog;
    try {
      const ep = await this.deps.server.createEndpoint({ remoteSdp: filter.filter(late.sdp), codecs: CODECS });
      this.deps.onEndpoint(ep);
      dialog = await late.ack(filter.filter(ep.local.sdp));
    } catch (err) {
      await late.destroy().catch(() => undefined);
      throw err;
    }
    this.dialog = dialog;
    this.deps.onAnswered(dialog);
    return { kind: 'answered' };
  }

  /** The call is ending: no ring timeout any more, and an INVITE still unanswered is cancelled. */
  stop(): void {
    clearTimeout(this.ringTimer);
    if (this.req && !this.dialog) this.cancel();
  }

  private ringTimeout(): void {
    if (this.dialog || this.deps.over()) return;
    this.ringTimedOut = true;
    this.cancel();
  }

  private cancel(): void {
    try {
      this.req?.cancel(() => undefined);
    } catch (err) {
      this.deps.log.debug({ err }, 'CANCEL not sent');
    }
  }
}
