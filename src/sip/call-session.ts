/**
 * One masked call, from the moment it is routed to its record's last write: the
 * outbound leg (outbound-leg.ts), the relays inside the call (dialog-relay.ts),
 * its timers, and one idempotent end() that every path reaches — whatever
 * throws, and whatever drachtio rejects with — so every call leaves the registry
 * with one complete record.
 */
import type Srf from 'drachtio-srf';
import type { SipServer } from './srf.js';
import { hangUp } from './hang-up.js';
import type { TrunkConfig } from '../config.js';
import type { CallEvent, CallEvents, CallEventType } from './call-events.js';
import type { Logger } from '../logger.js';
import type { Route } from '../masking/types.js';
import type { CallJournal } from '../store/call-journal.js';
import type { CallStore, CallUpdate } from '../store/calls.js';
import { CallRecordWriter, type EndInfo } from './call-record.js';
import { relayInDialog, type Party } from './dialog-relay.js';
import { outboundRequest, reasonHeaders } from './headers.js';
import type { CallRequest } from './middleware/types.js';
import { refuse, reject } from './reject-call.js';
import { CallAbandoned, placeCall, type Bridge } from './outbound-leg.js';
import { reasonFor } from './reasons.js';
import { CallMedia } from './call-media.js';
import type { MediaAnchor } from '../media/rtpengine.js';
import { NgError } from '../media/ng-client.js';
import { Draining, MediaUnavailable } from '../errors.js';
import { answerHeaders, refresherFor, type SessionRefresher } from './session-timer.js';

export interface CallSessionDeps {
  srf: SipServer;
  calls: CallStore;
  journal: CallJournal;
  events: CallEvents;
  trunk: TrunkConfig;
  ringTimeoutS: number;
  callTimeLimitS: number;
  /** rtpengine, when media is anchored (MASQ_MEDIA_ANCHOR=rtpengine). */
  anchor: MediaAnchor | undefined;
  /** RFC 4028 interval (0: no session timers). */
  sessionTimerS: number;
  /** Shutting down: a call that reaches here now is refused 503. */
  isDraining(): boolean;
  /** The caller's ACK came `ms` after its 200 OK was on the wire (admission.ts). */
  onAckDelay?(ms: number): void;
  /** The outbound INVITE was on the wire `ms` after it was handed to drachtio-server (admission.ts). */
  onHandoff?(ms: number): void;
  onEnd(call: CallSession): void;
}

type SipError = Error & { status?: number };

/** How long a stopped call may take to settle (CANCEL answered) before it is ended by force. */
const SETTLE_MS = 4000;

/** One routed call, from its outbound leg to its record's last write. */
export class CallSession {
  readonly id: string;
  private readonly route: Route;
  private readonly rec: CallRecordWriter;
  private readonly media: CallMedia;
  private bridge: Bridge | undefined;
  private uacReq: Srf.SrfRequest | undefined;
  private ringTimer: NodeJS.Timeout | undefined;
  private limitTimer: NodeJS.Timeout | undefined;
  private ringingAt: number | null = null;
  private answeredAt: number | null = null;
  private stopCause: 'ring-timeout' | 'shutdown' | undefined;
  private ending: Promise<void> | undefined;
  private refusedTransfers = 0;
  private markEnded: () => void = () => undefined;
  /** Settles once end() has run to its end. */
  private readonly ended = new Promise<void>((resolve) => (this.markEnded = resolve));

  constructor(
    private readonly req: CallRequest,
    private readonly res: Srf.SrfResponse,
    private readonly deps: CallSessionDeps,
  ) {
    this.rec = CallRecordWriter.forRequest(req, deps);
    this.id = this.rec.id;
    this.route = this.rec.route;
    this.media = new CallMedia(this.id, deps.anchor);
  }

  private get log(): Logger {
    return this.req.locals.log;
  }

  private event(type: CallEvent['type'], extra: Partial<CallEvent> = {}): void {
    this.rec.event(type, extra);
  }

  private record(u: CallUpdate, type: CallEventType | ''): Promise<void> {
    return this.rec.write(u, type);
  }

  private get limits(): { ringS: number; limitS: number } {
    return { ringS: this.route.ringTimeoutSeconds ?? this.deps.ringTimeoutS, limitS: this.route.callTimeLimitSeconds ?? this.deps.callTimeLimitS };
  }

  /** Places the outbound leg and bridges; resolves once the call is set up or has ended. */
  async run(): Promise<void> {
    const ctx = this.req.locals;
    ctx.onCancel = () => this.onCallerCancel();
    try {
      this.rec.startIfNeeded(this.limits);
      this.event('call.initiated');
      if (ctx.cancelled) return void (await this.end({ reason: 'caller-cancel', hungUpBy: 'caller', sipStatus: 487 }));
      if (this.deps.isDraining()) {
        refuse(this.res, new Draining());
        return void (await this.end({ reason: 'shutdown', hungUpBy: 'masq', sipStatus: 503 }));
      }
      this.ringTimer = setTimeout(() => this.stop('ring-timeout'), this.limits.ringS * 1000);
      const { trunk, sessionTimerS } = this.deps;
      this.bridge = await placeCall({
        srf: this.deps.srf,
        req: this.req,
        res: this.res,
        ...outboundRequest(this.route, trunk, sessionTimerS),
        answerHeaders: sessionTimerS > 0 ? answerHeaders(this.req, sessionTimerS) : {},
        auth: trunk.outboundAuth,
        media: this.media,
        log: this.log,
        ...(this.deps.onAckDelay ? { onAckDelay: this.deps.onAckDelay } : {}),
        ...(this.deps.onHandoff ? { onHandoff: this.deps.onHandoff } : {}),
        onRequest: (uacReq) => {
          this.uacReq = uacReq;
          if (this.stopped) this.cancelOutbound();
        },
        onProvisional: (p) => this.onProvisional(p),
        abandoned: () => this.stopped,
      });
      this.onAnswered(this.bridge);
    } catch (err) {
      await this.onFailed(err);
    }
  }

  private get stopped(): boolean {
    return this.req.locals.cancelled || this.stopCause !== undefined || this.ending !== undefined;
  }

  private onProvisional(p: Srf.SrfResponse): void {
    if (p.status >= 180 && this.ringingAt === null && !this.stopped) {
      this.ringingAt = Date.now();
      void this.record({ ringingAt: this.ringingAt }, 'call.ringing');
      this.event('call.ringing');
    }
  }

  private onAnswered(bridge: Bridge): void {
    clearTimeout(this.ringTimer);
    const { uas, uac } = bridge;
    this.answeredAt = Date.now();
    if (this.stopped) {
      uas.queueRequests = false;
      void this.end({ reason: this.stopCause ?? 'caller-cancel', hungUpBy: this.stopCause ? 'masq' : 'caller', sipStatus: 200 });
      return;
    }
    this.log.debug('call answered');
    void this.record({ state: 'answered', answeredAt: this.answeredAt }, 'call.answered');
    this.event('call.answered');
    uas.on('destroy', (bye?: Srf.SrfRequest) => void this.end({ reason: 'caller-hangup', hungUpBy: 'caller', sipStatus: 200, sipReason: bye?.get?.('Reason') }));
    uac.on('destroy', (bye?: Srf.SrfRequest) => void this.end({ reason: 'callee-hangup', hungUpBy: 'callee', sipStatus: 200, sipReason: bye?.get?.('Reason') }));
    relayInDialog(uas, uac, this.media, { log: this.log, onTransferRefused: (by) => this.onTransferRefused(by) });
    if (this.deps.sessionTimerS > 0) this.startRefresher(bridge);
    // Handlers wired: what the caller sent meanwhile (its ACK, an early hold or BYE) is handled now.
    uas.queueRequests = false;
    this.limitTimer = setTimeout(() => void this.end({ reason: 'time-limit', hungUpBy: 'masq', sipStatus: 200 }), this.limits.limitS * 1000);
  }

  private refresher: SessionRefresher | undefined;

  private startRefresher({ uas, uac }: Bridge): void {
    this.refresher = refresherFor(this.req, uas, uac, this.deps.sessionTimerS, (leg) => void this.end({ reason: 'session-expired', hungUpBy: leg, sipStatus: 200 }), this.log);
    this.refresher.start();
  }

  private onTransferRefused(by: Party): void {
    this.refusedTransfers++;
    void this.record({ refusedTransfers: this.refusedTransfers }, '');
    this.log.info({ by }, 'transfer refused');
  }

  private async onFailed(err: unknown): Promise<void> {
    clearTimeout(this.ringTimer);
    if (this.req.locals.cancelled) return this.end({ reason: 'caller-cancel', hungUpBy: 'caller', sipStatus: 487 });
    if (this.stopCause === 'ring-timeout') {
      reject(this.res, 480, reasonFor(480));
      return this.end({ reason: 'ring-timeout', hungUpBy: 'masq', sipStatus: 480 });
    }
    if (this.stopCause === 'shutdown') {
      refuse(this.res, new Draining());
      return this.end({ reason: 'shutdown', hungUpBy: 'masq', sipStatus: 503 });
    }
    if (err instanceof NgError) {
      // Anchoring is on and rtpengine cannot carry the call: it does not go unanchored.
      this.log.error({ err }, 'media anchor unavailable: 503');
      refuse(this.res, new MediaUnavailable());
      return this.end({ reason: 'media-unavailable', hungUpBy: 'masq', sipStatus: 503 });
    }
    const calleeStatus = err instanceof Error ? (err as SipError).status : undefined;
    if (calleeStatus === 401 || calleeStatus === 407) {
      // The carrier refused our credentials (or we have none): the caller learns nothing of it.
      this.log.warn({ status: calleeStatus, configured: this.deps.trunk.outboundAuth !== undefined }, 'carrier refused the outbound INVITE’s credentials');
      reject(this.res, 503, reasonFor(503));
      return this.end({ reason: 'trunk-auth-failed', hungUpBy: 'masq', sipStatus: 503 });
    }
    if (typeof calleeStatus === 'number' && calleeStatus >= 400 && calleeStatus < 700 && !(err instanceof CallAbandoned)) {
      reject(this.res, calleeStatus, reasonFor(calleeStatus));
      return this.end({ reason: 'callee-rejected', hungUpBy: 'callee', sipStatus: calleeStatus });
    }
    this.log.error({ err: err instanceof Error ? err : new Error(String(err)) }, 'outbound leg failed');
    reject(this.res, 502, reasonFor(502));
    return this.end({ reason: 'outbound-error', hungUpBy: 'masq', sipStatus: 502 });
  }

  private onCallerCancel(): void {
    // 487 went to the caller already (init-context); the callee's leg goes too.
    this.cancelOutbound();
  }

  /** Ring timeout or shutdown before answer: CANCEL the outbound leg; onFailed answers the caller. */
  private stop(cause: 'ring-timeout' | 'shutdown'): void {
    if (this.answeredAt !== null || this.stopped) return;
    this.stopCause = cause;
    this.log.info({ cause }, 'cancelling outbound leg');
    this.cancelOutbound();
  }

  private cancelOutbound(): void {
    const uacReq = this.uacReq;
    if (!uacReq) return; // not on the wire yet: onRequest cancels it once it is
    try {
      uacReq.cancel({ headers: reasonHeaders(this.req.locals.cancelReason) }, () => undefined);
    } catch (err) {
      this.log.debug({ err }, 'CANCEL not sent (leg already gone)');
    }
  }

  /**
   * Shutdown: a ringing call is cancelled (the caller gets 503) and a connected
   * one hung up; resolves once the call has ended and its record is queued. A
   * call whose callee never answers the CANCEL is ended by force after a bound.
   */
  async shutdown(): Promise<void> {
    if (this.answeredAt === null) {
      this.stop('shutdown');
      const settled = await Promise.race([this.ended.then(() => true as const), new Promise<false>((r) => setTimeout(() => r(false), SETTLE_MS))]);
      if (settled !== false) return;
      refuse(this.res, new Draining());
      return this.end({ reason: 'shutdown', hungUpBy: 'masq', sipStatus: 503 });
    }
    return this.end({ reason: 'shutdown', hungUpBy: 'masq', sipStatus: 200 });
  }

  /** The drachtio-server this call runs on. */
  get frontEnd(): object {
    return this.deps.srf;
  }

  /** Its drachtio-server is gone, and both legs with it: the call ends, and its record says so. */
  frontEndLost(): Promise<void> {
    return this.end({ reason: 'front-end-lost', hungUpBy: 'masq', sipStatus: this.answeredAt === null ? 503 : 200 });
  }

  /** Ends the call once: timers, both legs, the record, the event. Safe to call again. */
  end(info: EndInfo): Promise<void> {
    this.ending ??= this.finish(info).finally(() => this.markEnded());
    return this.ending;
  }

  private async finish(info: EndInfo): Promise<void> {
    clearTimeout(this.ringTimer);
    clearTimeout(this.limitTimer);
    this.refresher?.stop();
    const endedAt = Date.now();
    try {
      const headers = reasonHeaders(info.sipReason);
      await Promise.all([hangUp(this.bridge?.uas, headers), hangUp(this.bridge?.uac, headers)]);
    } finally {
      await this.media.release().catch(() => undefined);
      this.deps.onEnd(this);
      const { durationSeconds } = this.rec.finish(info, this.answeredAt, endedAt);
      this.log.info({ reason: info.reason, hungUpBy: info.hungUpBy, sipStatus: info.sipStatus, durationSeconds }, 'call ended');
    }
  }
}
