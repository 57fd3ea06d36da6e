/**
 * A request-a-call without a media server, by third-party call control
 * (RFC 3725): Masq sends the first party an INVITE without SDP; its 200 OK
 * carries the first party's offer, acknowledged at once with an answer that
 * holds the stream (inactive), so the first party waits in a confirmed dialog —
 * its hang-up is seen at once, and no ACK timer limits how long the second may
 * ring. The first party's offer (filtered) is the offer of the INVITE to the
 * second party; the second party's answer (filtered) goes back to the first
 * party as a re-INVITE, completing the first leg's offer/answer with the second
 * leg's. No media server is in the path: the first party hears silence while
 * the second rings.
 *
 * Each leg is placed from the proxy number its party sees. The life of the call
 * is the pure state machine in masking/requested-call.ts; this class feeds it
 * what the legs do and carries out how it ends: CANCEL a ringing leg, hang up
 * the connected ones with a Reason, one record and one call.completed/failed.
 */
import { randomInt } from 'node:crypto';
import type Srf from 'drachtio-srf';
import type { TrunkConfig } from '../config.js';
import type { Logger } from '../logger.js';
import type { CallLeg } from '../masking/calls.js';
import { step, type RequestedCallEvent, type RequestedCallState } from '../masking/requested-call.js';
import type { MediaAnchor } from '../media/rtpengine.js';
import { CallMedia } from './call-media.js';
import type { CallRecordDeps, CallRecordWriter, EndInfo } from './call-record.js';
import { requestedRecord, type RequestedCallPlan } from './requested-plan.js';
import { relayInDialog } from './dialog-relay.js';
import { outboundRequest, reasonHeaders } from './headers.js';
import { isLateOffer } from './media-legs.js';
import { asNextOffer, holdingAnswer, mediaAddress, rejectingAnswer } from './sdp-filter.js';
import { SessionRefresher, timedLeg } from './session-timer.js';
import type { SipServer } from './srf.js';
import { hangUp } from './hang-up.js';

export interface RequestedCallDeps extends CallRecordDeps {
  srf: SipServer;
  trunk: TrunkConfig;
  ringTimeoutS: number;
  callTimeLimitS: number;
  sessionTimerS: number;
  anchor?: MediaAnchor;
  log: Logger;
  onEnd(call: RequestedCall): void;
}

type SipError = Error & { status?: number };

interface Leg {
  /** The INVITE sent (for CANCEL while it rings). */
  invite?: Srf.SrfRequest;
  /** The first leg's 200 OK with its offer, waiting for our ACK. */
  waiting?: Srf.LateOfferAnswer;
  dialog?: Srf.Dialog;
  ringTimer?: NodeJS.Timeout;
  timedOut: boolean;
}

/** One request-a-call, from the first INVITE to its record. */
export class RequestedCall {
  readonly id: string;
  private state: RequestedCallState = 'initiated';
  private readonly rec: CallRecordWriter;
  private readonly media: CallMedia;
  private readonly legs: Record<CallLeg, Leg> = { first: { timedOut: false }, second: { timedOut: false } };
  private readonly log: Logger;
  private answeredAt: number | null = null;
  private limitTimer: NodeJS.Timeout | undefined;
  private refresher: SessionRefresher | undefined;
  private refusedTransfers = 0;
  private ending: Promise<void> | undefined;
  /** Headers of the BYEs Masq sends when the call ends (a Reason). */
  private byeHeaders: Record<string, string> = {};

  constructor(
    private readonly plan: RequestedCallPlan,
    private readonly deps: RequestedCallDeps,
  ) {
    this.id = plan.id;
    this.rec = requestedRecord(plan, deps);
    this.media = new CallMedia(plan.id, deps.anchor);
    this.log = deps.log;
  }

  private get ringS(): number {
    return this.plan.ringTimeoutSeconds ?? this.deps.ringTimeoutS;
  }

  private get over(): boolean {
    return this.ending !== undefined;
  }

  /** Rings the first party, then the second, and bridges them; every outcome ends in end(). */
  async run(): Promise<void> {
    this.rec.event('call.initiated');
    try {
      const first = await this.dial('first', this.ringS, { noAck: true });
      if (!first) return;
      if (isLateOffer(first)) this.legs.first.waiting = first;
      else this.legs.first.dialog = first;
      // Ended while the leg was answering (shutdown): what just arrived is released too.
      if (this.over) return void (await this.releaseLegs());
      if (!isLateOffer(first) || !first.sdp) return this.apply({ type: 'error', reason: 'outbound-error' }); // no offer: nothing to connect
      // On hold in a confirmed dialog while the second party is rung.
      const origin = String(randomInt(1, 2 ** 47));
      this.legs.first.waiting = undefined;
      const a = await first.ack(holdingAnswer(first.sdp, origin));
      this.legs.first.dialog = a;
      if (this.over) return void (await this.releaseLegs());
      this.watch('first', a);
      this.apply({ type: 'answered', leg: 'first' });
      const offer = await this.media.offer('caller', first.sdp);
      const second = await this.dial('second', this.ringS, { localSdp: offer });
      if (!second) return;
      if (isLateOffer(second)) return this.apply({ type: 'error', reason: 'outbound-error' });
      this.legs.second.dialog = second;
      if (this.over) return void (await this.releaseLegs());
      this.watch('second', second);
      // The second party's answer is the first party's next offer: its media now goes to the second party.
      const answer = await this.media.answer('callee', second.remote.sdp);
      const firstAnswer = await a.modify(asNextOffer(answer, origin, 2));
      if (this.over) return;
      // A first party that moved its media (a new address or port) tells the second party so.
      if (typeof firstAnswer === 'string' && mediaAddress(firstAnswer) !== mediaAddress(first.sdp)) await second.modify(await this.media.offer('caller', firstAnswer));
      if (this.over) return;
      this.bridge(a, second);
    } catch (err) {
      if (this.over) return void (await this.releaseLegs());
      this.log.error({ err: err instanceof Error ? err : new Error(String(err)) }, 'request-a-call failed');
      this.apply({ type: 'error', reason: 'outbound-error' });
    }
  }

  /** Places one leg from the proxy number its party sees; undefined when it failed (the failure went to the state machine). */
  private async dial(leg: CallLeg, ringS: number, opts: { noAck?: boolean; localSdp?: string }): Promise<Srf.Dialog | Srf.LateOfferAnswer | undefined> {
    const l = this.legs[leg];
    const { uri, headers } = outboundRequest(this.plan[leg], this.deps.trunk, this.deps.sessionTimerS);
    l.ringTimer = setTimeout(() => {
      l.timedOut = true;
      this.cancel(leg);
    }, ringS * 1000);
    try {
      return await this.deps.srf.createUAC(
        uri,
        { headers, ...opts, ...(this.deps.trunk.outboundAuth ? { auth: this.deps.trunk.outboundAuth } : {}) },
        {
          cbRequest: (_err: unknown, r?: Srf.SrfRequest) => {
            l.invite = r;
            if (this.over) this.cancel(leg);
          },
          cbProvisional: (p: Srf.SrfResponse) => {
            if (p.status >= 180) this.apply({ type: 'ringing', leg });
          },
        },
      );
    } catch (err) {
      const status = (err as SipError).status;
      this.log.info({ leg, status, timedOut: l.timedOut }, 'request-a-call leg not reached');
      this.apply({ type: 'failed', leg, ...(typeof status === 'number' ? { status } : {}), timedOut: l.timedOut });
      return undefined;
    } finally {
      clearTimeout(l.ringTimer);
    }
  }

  private cancel(leg: CallLeg): void {
    try {
      this.legs[leg].invite?.cancel(() => undefined);
    } catch (err) {
      this.log.debug({ err, leg }, 'CANCEL not sent');
    }
  }

  /** A connected leg's BYE ends the call. */
  private watch(leg: CallLeg, d: Srf.Dialog): void {
    d.on('destroy', (bye?: Srf.SrfRequest) => this.apply({ type: 'hangup', leg }, bye?.get?.('Reason')));
  }

  /** Both legs answered: in-dialog requests relayed as on an inbound call, timers on. */
  private bridge(first: Srf.Dialog, second: Srf.Dialog): void {
    this.apply({ type: 'answered', leg: 'second' });
    relayInDialog(first, second, this.media, {
      log: this.log,
      onTransferRefused: () => {
        this.refusedTransfers++;
        void this.rec.write({ refusedTransfers: this.refusedTransfers }, '');
      },
    });
    const limitS = this.plan.callTimeLimitSeconds ?? this.deps.callTimeLimitS;
    this.limitTimer = setTimeout(() => this.apply({ type: 'time-limit' }), limitS * 1000);
    if (this.deps.sessionTimerS > 0) {
      this.refresher = new SessionRefresher(
        [timedLeg('caller', first, first.res), timedLeg('callee', second, second.res)],
        this.deps.sessionTimerS,
        (name) => this.apply({ type: 'session-expired', leg: name === 'caller' ? 'first' : 'second' }),
        this.log,
      );
      this.refresher.start();
    }
  }

  /** Feeds the state machine; records what it says, and ends the call when it says so. */
  private apply(ev: RequestedCallEvent, sipReason?: string): void {
    const before = this.state;
    const next = step(before, ev);
    this.state = next.state;
    if (next.state === 'first-ringing' && before !== 'first-ringing') {
      void this.rec.write({ state: 'ringing', ringingAt: Date.now() }, 'call.ringing');
      this.rec.event('call.ringing');
    }
    if (next.state === 'bridged' && before !== 'bridged') {
      this.answeredAt = Date.now();
      void this.rec.write({ state: 'answered', answeredAt: this.answeredAt }, 'call.answered');
      this.rec.event('call.answered');
    }
    if (next.end) void this.end({ ...next.end, ...(sipReason ? { sipReason } : {}) }, next.end.failedLeg);
  }

  /** The drachtio-server this call's legs were placed through. */
  get frontEnd(): object {
    return this.deps.srf;
  }

  /** That drachtio-server is gone, and both legs with it: the call ends, and its record says so. */
  frontEndLost(): Promise<void> {
    this.apply({ type: 'error', reason: 'front-end-lost' });
    return this.ending ?? Promise.resolve();
  }

  /** Shutdown: ends the call. */
  shutdown(): Promise<void> {
    this.apply({ type: 'shutdown' });
    return this.ending ?? Promise.resolve();
  }

  private end(info: EndInfo, failedLeg: CallLeg | null): Promise<void> {
    this.ending ??= this.finish(info, failedLeg);
    return this.ending;
  }

  private async finish(info: EndInfo, failedLeg: CallLeg | null): Promise<void> {
    clearTimeout(this.limitTimer);
    this.refresher?.stop();
    for (const leg of ['first', 'second'] as const) {
      clearTimeout(this.legs[leg].ringTimer);
      if (!this.legs[leg].dialog && !this.legs[leg].waiting) this.cancel(leg);
    }
    // The party that hung up passes its Reason on; Masq's own endings say why by status.
    this.byeHeaders = info.sipReason ? reasonHeaders(info.sipReason) : info.sipStatus >= 300 ? { Reason: `SIP;cause=${info.sipStatus}` } : {};
    try {
      await this.releaseLegs();
      await this.media.release().catch((err: unknown) => this.log.warn({ err }, 'anchored media not released'));
    } finally {
      const { durationSeconds } = this.rec.finish(info, this.answeredAt, Date.now(), failedLeg ? { failedLeg } : {});
      this.log.info({ reason: info.reason, hungUpBy: info.hungUpBy, sipStatus: info.sipStatus, failedLeg, durationSeconds }, 'request-a-call ended');
      this.deps.onEnd(this);
    }
  }

  /**
   * Hangs up every leg that is up: a 200 OK still waiting for its ACK is
   * completed declining its media first. Safe to call again for a leg that
   * arrives after the call ended.
   */
  private async releaseLegs(): Promise<void> {
    const waiting = this.legs.first.waiting;
    if (waiting) {
      this.legs.first.waiting = undefined;
      const d = await waiting.ack(rejectingAnswer(waiting.sdp)).catch(() => undefined);
      if (d) this.legs.first.dialog = d;
    }
    await Promise.all(
      Object.values(this.legs).map((l) => hangUp(l.dialog, this.byeHeaders)),
    );
  }
}
