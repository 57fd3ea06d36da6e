/**
 * The first party's leg of a call through a media server, opened on a fresh
 * FreeSWITCH endpoint in one of two ways:
 *
 * - answered: an inbound INVITE is answered with the endpoint's SDP (the
 *   caller's own offer, filtered, went to the endpoint);
 * - dialled: for a request-a-call, Masq calls the first party from the proxy
 *   number it sees with an offerless INVITE (late offer, as for every callee of
 *   a media call): its 200 OK's offer, filtered, goes to the endpoint, whose
 *   answer goes back in the ACK.
 *
 * Everything after — prompts, ringback, the other party, the bridge — is the
 * same for both (media-call.ts).
 */
import type Srf from 'drachtio-srf';
import type Mrf from 'drachtio-fsmrf';
import type { TrunkConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { OWN_HEADERS, outboundRequest } from './headers.js';
import { isLateOffer } from './media-legs.js';
import type { CallRequest } from './middleware/types.js';
import { rejectingAnswer, type SdpFilter } from './sdp-filter.js';
import { answerHeaders } from './session-timer.js';
import type { SipServer } from './srf.js';
import type { LegTarget } from './requested-plan.js';

const CODECS = ['PCMU', 'PCMA'];

/** An opened leg: its endpoint, its dialog, and the message its party advertised with (for session timers). */
export interface OpenedLeg {
  dialog: Srf.Dialog;
  advertised: Pick<Srf.SipMessage, 'has' | 'get'>;
}

/** The first party could not be reached: its final status, or no answer in time. */
export class LegNotReached extends Error {
  constructor(
    readonly status: number | undefined,
    readonly timedOut: boolean,
  ) {
    super(timedOut ? 'no answer within the ring timeout' : `first party answered ${status ?? 'nothing'}`);
  }
}

export interface FirstLeg {
  readonly kind: 'inbound' | 'request-a-call';
  readonly log: Logger;
  /** The party gave up before it was connected (an inbound CANCEL). */
  cancelled(): boolean;
  /** Calls `cb` when the party gives up before it is connected. */
  onGiveUp(cb: () => void): void;
  /**
   * Opens the leg on an endpoint of `server`, handing the endpoint over as soon
   * as it exists (so the call can release it whatever happens next). Resolves
   * undefined when the call was given up meanwhile; throws LegNotReached when the
   * party was not reached.
   */
  open(server: Mrf.MediaServer, filter: SdpFilter, hooks: { onEndpoint(ep: Mrf.Endpoint): void; onRinging(): void; over(): boolean }): Promise<OpenedLeg | undefined>;
  /** The call ended before the leg was opened: answer the INVITE with `status` (inbound) or CANCEL ours (request-a-call). */
  abandon(status: number): void;
}

/** The caller's leg of an inbound call: answered by the endpoint. */
export function answeredLeg(req: CallRequest, res: Srf.SrfResponse, deps: { srf: SipServer; sessionTimerS: number }): FirstLeg {
  return {
    kind: 'inbound',
    log: req.locals.log,
    cancelled: () => req.locals.cancelled,
    onGiveUp: (cb) => (req.locals.onCancel = cb),
    async open(server, filter, hooks) {
      const ep = await server.createEndpoint({ remoteSdp: filter.filter(req.body), codecs: CODECS });
      hooks.onEndpoint(ep);
      if (hooks.over()) return undefined;
      const timer = deps.sessionTimerS > 0 ? answerHeaders(req, deps.sessionTimerS) : {};
      const dialog = await deps.srf.createUAS(req, res, { localSdp: filter.filter(ep.local.sdp), headers: { ...OWN_HEADERS, ...timer } });
      return { dialog, advertised: req };
    },
    abandon(status) {
      if (!res.finalResponseSent) res.send(status >= 300 ? status : 503);
    },
  };
}

type SipError = Error & { status?: number };

/** The first party's leg of a request-a-call: called by Masq, from the proxy number it sees. */
export function dialledLeg(target: LegTarget, deps: { srf: SipServer; trunk: TrunkConfig; sessionTimerS: number; ringS: number; log: Logger }): FirstLeg {
  let invite: Srf.SrfRequest | undefined;
  let abandoned = false;
  const cancel = () => {
    try {
      invite?.cancel(() => undefined);
    } catch (err) {
      deps.log.debug({ err }, 'CANCEL not sent');
    }
  };
  return {
    kind: 'request-a-call',
    log: deps.log,
    cancelled: () => false,
    onGiveUp: () => undefined,
    async open(server, filter, hooks) {
      const { uri, headers } = outboundRequest(target, deps.trunk, deps.sessionTimerS);
      let timedOut = false;
      const ring = setTimeout(() => {
        timedOut = true;
        cancel();
      }, deps.ringS * 1000);
      let late: Srf.LateOfferAnswer | Srf.Dialog;
      try {
        late = await deps.srf.createUAC(
          uri,
          { headers, noAck: true, ...(deps.trunk.outboundAuth ? { auth: deps.trunk.outboundAuth } : {}) },
          {
            cbRequest: (_err: unknown, r?: Srf.SrfRequest) => {
              invite = r;
              if (abandoned) cancel();
            },
            cbProvisional: (p: Srf.SrfResponse) => {
              if (p.status >= 180) hooks.onRinging();
            },
          },
        );
      } catch (err) {
        if (abandoned) return undefined;
        throw new LegNotReached((err as SipError).status, timedOut);
      } finally {
        clearTimeout(ring);
      }
      if (!isLateOffer(late)) {
        // Answered without an offer: nothing for the endpoint to answer.
        await late.destroy().catch(() => undefined);
        throw new LegNotReached(undefined, false);
      }
      if (hooks.over()) {
        await late.ack(rejectingAnswer(late.sdp)).then((d) => d.destroy(), () => undefined).catch(() => undefined);
        return undefined;
      }
      const ep = await server.createEndpoint({ remoteSdp: filter.filter(late.sdp), codecs: CODECS });
      hooks.onEndpoint(ep);
      const dialog = await late.ack(filter.filter(ep.local.sdp));
      return { dialog, advertised: dialog.res };
    },
    abandon() {
      abandoned = true;
      cancel();
    },
  };
}
