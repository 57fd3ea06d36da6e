/**
 * A call that needs media — a party announcement, a whisper, recording — goes
 * through FreeSWITCH instead of the direct bridge:
 *
 * 1. the caller is answered by an endpoint and hears its announcement (and the
 *    recording notice), then ringback while the callee is called;
 * 2. the callee's leg is a second endpoint, offered to the callee from the proxy
 *    number; on answer the callee hears its announcement (the whisper) and the
 *    recording notice while the caller still hears ringback;
 * 3. recording starts (mono, or dual: caller left, callee right), and the two
 *    endpoints are bridged.
 *
 * A callee that is busy, rejects or does not answer leaves the caller hearing the
 * "other party unavailable" prompt. Either party hanging up at any stage, or the
 * media server dying, ends both legs and both endpoints through one idempotent
 * end(); the record and its events are the same as on the direct path. SDP
 * passes the call's allow-list filter in both directions, so FreeSWITCH never
 * learns a number and neither party sees the other's identity.
 */
import type Srf from 'drachtio-srf';
import type Mrf from 'drachtio-fsmrf';
import type { TrunkConfig } from '../config.js';
import type { Logger } from '../logger.js';
import type { ChosenPrompt } from '../media/announcements.js';
import type { MediaLease } from '../media/media-servers.js';
import type { CallRecordDeps, CallRecordWriter, EndInfo } from './call-record.js';
import { OWN_HEADERS, reasonHeaders } from './headers.js';
import { answerInDialog, releaseEndpoint, startRecording, startRingback, type Ringback } from './media-legs.js';
import { MediaCalleeLeg } from './media-callee.js';
import type { MediaPlan } from './media-plan.js';
import type { CallRequest } from './middleware/types.js';
import { SdpFilter } from './sdp-filter.js';
import { SessionRefresher, timedLeg, type TimedLeg } from './session-timer.js';
import { LegNotReached, type FirstLeg } from './first-leg.js';
import { step } from '../masking/requested-call.js';
import type { SipServer } from './srf.js';
import { hangUp } from './hang-up.js';

export interface MediaCallDeps extends CallRecordDeps {
  srf: SipServer;
  trunk: TrunkConfig;
  ringTimeoutS: number;
  callTimeLimitS: number;
  /** RFC 4028 interval; 0 turns session timers off. */
  sessionTimerS: number;
  /** The party to call when it is not the route's target: a request-a-call's second party, from the proxy number it sees. */
  callee?: { target: string; callerId: string };
  isDraining(): boolean;
  /** Called once the call has ended: the recording (if any) is settled from here. */
  onEnd(call: MediaCallSession, recorded: boolean): void;
}

/** One call through a media server, from answer to record. */
export class MediaCallSession {
  readonly id: string;
  private readonly filter = new SdpFilter();
  private epA: Mrf.Endpoint | undefined;
  private epB: Mrf.Endpoint | undefined;
  private uas: Srf.Dialog | undefined;
  private uac: Srf.Dialog | undefined;
  private callee: MediaCalleeLeg | undefined;
  private limitTimer: NodeJS.Timeout | undefined;
  private ringingAt: number | null = null;
  private answeredAt: number | null = null;
  private recording = false;
  private ringback: Ringback | undefined;
  private ending: Promise<void> | undefined;
  private bridged = false;
  /** Session timers, one per leg, each started when its leg is answered. */
  private readonly refreshers: SessionRefresher[] = [];

  constructor(
    private readonly first: FirstLeg,
    private readonly rec: CallRecordWriter,
    private readonly lease: MediaLease,
    private readonly plan: MediaPlan,
    private readonly deps: MediaCallDeps,
  ) {
    this.id = this.rec.id;
  }

  private get log(): Logger {
    return this.first.log;
  }

  private get limits(): { ringS: number; limitS: number } {
    const r = this.rec.route;
    return { ringS: r.ringTimeoutSeconds ?? this.deps.ringTimeoutS, limitS: r.callTimeLimitSeconds ?? this.deps.callTimeLimitS };
  }

  /** What a leg's in-dialog requests need; `bridgedTo` is the other party's dialog once bridged. */
  private legContext(other: () => Srf.Dialog | undefined) {
    return { filter: this.filter, log: this.log, over: () => this.over, bridgedTo: () => (this.bridged ? other() : undefined) };
  }

  private get over(): boolean {
    return this.ending !== undefined || this.first.cancelled();
  }

  /** Answers the caller, plays, rings the callee, whispers, records, bridges. */
  async run(): Promise<void> {
    this.lease.onLost(() => void this.end({ reason: 'media-server-lost', hungUpBy: 'masq', sipStatus: this.uas ? 200 : 503 }));
    this.rec.startIfNeeded(this.limits);
    this.rec.event('call.initiated');
    this.first.onGiveUp(() => void this.end({ reason: 'caller-cancel', hungUpBy: 'caller', sipStatus: 487 }));
    try {
      if (this.over) return void (await this.end({ reason: 'caller-cancel', hungUpBy: 'caller', sipStatus: 487 }));
      if (!(await this.openFirst())) return;
      await this.play(this.epA, [this.plan.callerPrompt, this.plan.notice]);
      if (this.over) return;
      this.startRingback();
      const answered = await this.callCallee();
      if (!answered || this.over) return;
      await this.connect();
    } catch (err) {
      if (this.over) return;
      if (err instanceof LegNotReached) {
        // A request-a-call's first party was not reached: ended as the state machine says, on the first leg.
        const end = step('first-ringing', { type: 'failed', leg: 'first', ...(err.status !== undefined ? { status: err.status } : {}), timedOut: err.timedOut }).end;
        this.log.info({ status: err.status, timedOut: err.timedOut }, 'first party not reached');
        if (end) return void (await this.end({ ...end, failedLeg: 'first' }));
      }
      this.log.error({ err: err instanceof Error ? err : new Error(String(err)) }, 'media call failed');
      await this.end({ reason: 'media-error', hungUpBy: 'masq', sipStatus: this.uas ? 200 : 503 });
    }
  }

  /** The first party's leg, on an endpoint: answered (inbound) or called (request-a-call). False when the call ended meanwhile. */
  private async openFirst(): Promise<boolean> {
    const opened = await this.first.open(this.lease.server, this.filter, {
      onEndpoint: (ep) => {
        this.epA = ep;
        ep.on('destroy', () => void this.end({ reason: 'media-server-lost', hungUpBy: 'masq', sipStatus: 200 }));
      },
      onRinging: () => this.onRinging(),
      over: () => this.over,
    });
    if (!opened) return false;
    const d = opened.dialog;
    this.uas = d;
    d.on('destroy', (bye?: Srf.SrfRequest) => void this.end({ reason: 'caller-hangup', hungUpBy: 'caller', sipStatus: 200, sipReason: bye?.get?.('Reason') }));
    answerInDialog(d, () => this.epA, this.legContext(() => this.uac));
    this.refresh(timedLeg('caller', d, opened.advertised));
    return !this.over;
  }

  /**
   * Session timers on a leg from its answer on (RFC 4028, as on the direct
   * path): the caller is answered long before the callee, and waits through
   * prompts and ringing with no refresh otherwise.
   */
  private refresh(leg: TimedLeg): void {
    if (this.deps.sessionTimerS <= 0 || !leg.supported) return;
    const r = new SessionRefresher([leg], this.deps.sessionTimerS, (name) => void this.end({ reason: 'session-expired', hungUpBy: name, sipStatus: 200 }), this.log);
    this.refreshers.push(r);
    r.start();
  }

  /** Plays the prompts there are, in order; resolves when done or the call ended. */
  private async play(ep: Mrf.Endpoint | undefined, prompts: (ChosenPrompt | undefined)[]): Promise<void> {
    const files = prompts.filter((p): p is ChosenPrompt => p !== undefined).map((p) => p.path);
    if (!ep || files.length === 0 || this.over) return;
    await ep.play(files.length === 1 ? (files[0] as string) : files).catch((err: unknown) => {
      if (!this.over) this.log.warn({ err }, 'prompt not played');
    });
  }

  private startRingback(): void {
    if (this.epA && !this.over) this.ringback = startRingback(this.epA, () => this.over);
  }

  private async stopRingback(): Promise<void> {
    await this.ringback?.stop();
    this.ringback = undefined;
  }

  /** Rings the callee (media-callee.ts) on a second endpoint; true once answered. */
  private async callCallee(): Promise<boolean> {
    this.callee = new MediaCalleeLeg({
      srf: this.deps.srf,
      trunk: this.deps.trunk,
      sessionTimerS: this.deps.sessionTimerS,
      server: this.lease.server,
      filter: this.filter,
      log: this.log,
      over: () => this.over,
      onRinging: () => this.onRinging(),
      onEndpoint: (ep) => {
        this.epB = ep;
        ep.on('destroy', () => void this.end({ reason: 'media-server-lost', hungUpBy: 'masq', sipStatus: 200 }));
      },
      onAnswered: (uac) => {
        this.uac = uac;
        uac.on('destroy', (bye?: Srf.SrfRequest) => void this.end({ reason: 'callee-hangup', hungUpBy: 'callee', sipStatus: 200, sipReason: bye?.get?.('Reason') }));
        answerInDialog(uac, () => this.epB, this.legContext(() => this.uas));
        this.refresh(timedLeg('callee', uac, uac.res));
      },
    });
    const outcome = await this.callee.ring(this.deps.callee ?? this.rec.route, this.limits.ringS);
    if (outcome.kind === 'not-reached') {
      if (this.ending) return false;
      const { reason, sipStatus, hungUpBy } = outcome;
      this.log.info({ reason, sipStatus }, 'callee not reached');
      await this.stopRingback();
      await this.play(this.epA, [this.plan.unavailable]);
      await this.end({ reason, hungUpBy, sipStatus, ...(this.first.kind === 'request-a-call' ? { failedLeg: 'second' as const } : {}) });
      return false;
    }
    if (outcome.kind === 'no-sdp') {
      await this.end({ reason: 'outbound-error', hungUpBy: 'masq', sipStatus: 502 });
      return false;
    }
    if (outcome.kind === 'gone' || this.over) return false;
    this.answeredAt = Date.now();
    void this.rec.write({ state: 'answered', answeredAt: this.answeredAt }, 'call.answered');
    this.rec.event('call.answered');
    return true;
  }

  /** The first ringing of the call (the callee's; for a request-a-call, the first party's). */
  private onRinging(): void {
    if (this.ringingAt === null && !this.over) {
      this.ringingAt = Date.now();
      void this.rec.write({ ringingAt: this.ringingAt }, 'call.ringing');
      this.rec.event('call.ringing');
    }
  }

  /** Whisper and notice to the callee, recording on, bridge. */
  private async connect(): Promise<void> {
    await this.play(this.epB, [this.plan.calleePrompt, this.plan.notice]);
    if (this.over) return;
    const a = this.epA as Mrf.Endpoint;
    // Ringback first: an application running on the caller's channel would hold back everything after it.
    await this.stopRingback();
    if (this.plan.record) this.recording = await startRecording(a, this.plan.record, this.log);
    if (this.over) return;
    await a.bridge(this.epB as Mrf.Endpoint);
    this.bridged = true;
    this.limitTimer = setTimeout(() => void this.end({ reason: 'time-limit', hungUpBy: 'masq', sipStatus: 200 }), this.limits.limitS * 1000);
    this.log.debug('media call bridged');
  }

  /** Shutdown: ends the call (a media call is answered from the start). */
  shutdown(): Promise<void> {
    return this.end({ reason: 'shutdown', hungUpBy: 'masq', sipStatus: this.uas ? 200 : 503 });
  }

  /** The drachtio-server this call's parties are on. */
  get frontEnd(): object {
    return this.deps.srf;
  }

  /** Its drachtio-server is gone, and the parties' legs with it: the call ends (its endpoints released), and its record says so. */
  frontEndLost(): Promise<void> {
    return this.end({ reason: 'front-end-lost', hungUpBy: 'masq', sipStatus: this.uas ? 200 : 503 });
  }

  /** Ends the call once: timers, both legs, both endpoints, the record. */
  end(info: EndInfo): Promise<void> {
    this.ending ??= this.finish(info);
    return this.ending;
  }

  private async finish(info: EndInfo): Promise<void> {
    clearTimeout(this.limitTimer);
    for (const r of this.refreshers) r.stop();
    this.callee?.stop();
    const headers = reasonHeaders(info.sipReason);
    try {
      await Promise.all([
        hangUp(this.uas, headers),
        hangUp(this.uac, headers),
        ...[this.epA, this.epB].map((ep) => (ep ? releaseEndpoint(ep, this.lease.server) : undefined)),
      ]);
      if (!this.uas) this.first.abandon(info.sipStatus);
    } finally {
      this.lease.release();
      const { durationSeconds } = this.rec.finish(info, this.answeredAt, Date.now(), info.failedLeg ? { failedLeg: info.failedLeg } : {});
      this.log.info({ reason: info.reason, hungUpBy: info.hungUpBy, sipStatus: info.sipStatus, durationSeconds, media: this.lease.name }, 'call ended');
      this.deps.onEnd(this, this.recording);
    }
  }
}
