/**
 * One masked call: the caller's leg (UAS) and the leg to the other party (UAC),
 * their timers, the in-dialog requests between them, and one idempotent end().
 */
import type Srf from 'drachtio-srf';
import type { TrunkConfig } from '../config.js';
import type { CallEvents, CallEvent } from '../events/call-events.js';
import type { Route } from '../masking/types.js';
import type { CallStore, CallUpdate, HungUpBy } from '../store/calls.js';
import type { CallRequest } from './middleware/types.js';
import { reject } from './middleware/types.js';
import { INFO_HEADERS, outboundIdentity, REQUEST_HEADERS_TO_CALLEE, RESPONSE_HEADERS_TO_CALLER, SdpScrubber } from './headers.js';
import { e164ToTrunk } from './numbers.js';
import { reasonFor } from './reasons.js';

export interface CallSessionDeps {
  srf: Srf;
  calls: CallStore;
  events: CallEvents;
  trunk: TrunkConfig;
  ringTimeoutS: number;
  callTimeLimitS: number;
  onEnd(call: CallSession): void;
}

interface EndInfo {
  reason: string;
  hungUpBy: HungUpBy;
  /** Final status the caller got (200 once answered). */
  sipStatus: number;
}

type SipError = Error & { status?: number };

/** Host part of the outbound URI template, used for the new leg's From/To. */
function outboundHost(template: string): string {
  return /@([^:;>]+)/.exec(template)?.[1] ?? 'localhost';
}

export class CallSession {
  readonly id: string;
  private readonly route: Route;
  private uas: Srf.Dialog | undefined;
  private uac: Srf.Dialog | undefined;
  private uacReq: Srf.SrfRequest | undefined;
  private ringTimer: NodeJS.Timeout | undefined;
  private limitTimer: NodeJS.Timeout | undefined;
  private ringingAt: number | null = null;
  private answeredAt: number | null = null;
  private callerCancelled = false;
  private stopCause: 'ring-timeout' | 'shutdown' | undefined;
  private ending: Promise<void> | undefined;
  private readonly sdp = new SdpScrubber();

  constructor(
    private readonly req: CallRequest,
    private readonly res: Srf.SrfResponse,
    private readonly deps: CallSessionDeps,
  ) {
    this.id = req.locals.callId;
    this.route = req.locals.route as Route;
  }

  private get log() {
    return this.req.locals.log;
  }

  private event(type: CallEvent['type'], extra: Partial<CallEvent> = {}): void {
    this.deps.events.emit({ type, callId: this.id, sessionId: this.route.sessionId || null, occurredAt: Date.now(), direction: this.route.direction, ...extra });
  }

  /** Updates the call record; `type` also goes to the session's event outbox, atomically, and to in-process listeners. */
  private record(u: CallUpdate, type: CallEvent['type']): void {
    this.deps.calls.update(this.id, this.route.sessionId || null, u, type).catch((err: unknown) => this.log.warn({ err }, 'call record not updated'));
    this.event(type);
  }

  /** Places the outbound leg and bridges; resolves once the call is set up or has failed. */
  async run(): Promise<void> {
    const { trunk } = this.deps;
    const route = this.route;
    // A call routed to a session was recorded as it was routed (one script); one a
    // routing callback sent elsewhere is recorded now. Not awaited: the outbound leg
    // goes out without waiting for Redis, and later writes of this call use the
    // same connection, so Redis still applies them after this one.
    if (!route.recorded) {
      this.deps.calls
        .start(
          { id: this.id, sessionId: route.sessionId || null, direction: route.direction, virtualNumber: this.req.locals.called as string, startedAt: this.req.locals.startedAt },
          'call.initiated',
        )
        .catch((err: unknown) => this.log.warn({ err }, 'call record not written'));
    }
    this.event('call.initiated');

    this.req.on('cancel', () => {
      this.callerCancelled = true;
    });
    const ringTimeoutS = route.ringTimeoutSeconds ?? this.deps.ringTimeoutS;
    this.ringTimer = setTimeout(() => this.stopRinging('ring-timeout'), ringTimeoutS * 1000);

    const host = outboundHost(trunk.outboundUri);
    const uri = trunk.outboundUri.replace('{number}', e164ToTrunk(route.target, trunk.numbers));
    try {
      const { uas, uac } = await this.deps.srf.createB2BUA(
        this.req,
        this.res,
        uri,
        {
          headers: outboundIdentity({
            callerIdUser: e164ToTrunk(route.callerId, trunk.numbers),
            targetUser: e164ToTrunk(route.target, trunk.numbers),
            host,
            sendPai: trunk.sendPai,
          }),
          proxyRequestHeaders: [...REQUEST_HEADERS_TO_CALLEE],
          proxyResponseHeaders: [...RESPONSE_HEADERS_TO_CALLER],
          localSdpB: this.sdp.scrub(this.req.body),
          localSdpA: (sdp: string) => this.sdp.scrub(sdp),
          passFailure: false,
        },
        {
          // drachtio-srf calls this as (err, request) although its typings say (request).
          cbRequest: ((err: unknown, uacReq?: Srf.SrfRequest) => {
            if (err || !uacReq) return;
            this.uacReq = uacReq;
            if (this.stopCause) this.cancelOutbound();
          }) as unknown as (req: Srf.SrfRequest) => void,
          cbProvisional: (p: { status: number }) => {
            if (p.status >= 180 && this.ringingAt === null) {
              this.ringingAt = Date.now();
              this.record({ ringingAt: this.ringingAt }, 'call.ringing');
            }
          },
        },
      );
      this.onAnswered(uas, uac);
    } catch (err) {
      this.onFailed(err as SipError);
    }
  }

  private onAnswered(uas: Srf.Dialog, uac: Srf.Dialog): void {
    clearTimeout(this.ringTimer);
    this.uas = uas;
    this.uac = uac;
    this.answeredAt = Date.now();
    if (this.stopCause) {
      void this.end({ reason: this.stopCause, hungUpBy: 'masq', sipStatus: 200 });
      return;
    }
    this.log.debug('call answered');
    this.record({ state: 'answered', answeredAt: this.answeredAt }, 'call.answered');
    uas.on('destroy', () => void this.end({ reason: 'caller-hangup', hungUpBy: 'caller', sipStatus: 200 }));
    uac.on('destroy', () => void this.end({ reason: 'callee-hangup', hungUpBy: 'callee', sipStatus: 200 }));
    uas.on('modify', (req, res) => this.forwardModify(uac, req, res));
    uac.on('modify', (req, res) => this.forwardModify(uas, req, res));
    uas.on('info', (req, res) => this.forwardRequest('INFO', uac, req, res));
    uac.on('info', (req, res) => this.forwardRequest('INFO', uas, req, res));
    uas.on('update', (req, res) => this.forwardRequest('UPDATE', uac, req, res));
    uac.on('update', (req, res) => this.forwardRequest('UPDATE', uas, req, res));
    const limitS = this.route.callTimeLimitSeconds ?? this.deps.callTimeLimitS;
    this.limitTimer = setTimeout(() => void this.end({ reason: 'time-limit', hungUpBy: 'masq', sipStatus: 200 }), limitS * 1000);
  }

  private onFailed(err: SipError): void {
    clearTimeout(this.ringTimer);
    const calleeStatus = typeof err.status === 'number' ? err.status : undefined;
    if (this.callerCancelled) {
      // drachtio answered the caller's INVITE with 487 when the CANCEL came in.
      void this.end({ reason: 'caller-cancel', hungUpBy: 'caller', sipStatus: 487 });
      return;
    }
    if (this.stopCause === 'ring-timeout') {
      reject(this.res, 480, reasonFor(480));
      void this.end({ reason: 'ring-timeout', hungUpBy: 'masq', sipStatus: 480 });
      return;
    }
    if (this.stopCause === 'shutdown') {
      reject(this.res, 503, reasonFor(503), { 'Retry-After': '5' });
      void this.end({ reason: 'shutdown', hungUpBy: 'masq', sipStatus: 503 });
      return;
    }
    if (calleeStatus && calleeStatus >= 400 && calleeStatus < 700) {
      reject(this.res, calleeStatus, reasonFor(calleeStatus));
      void this.end({ reason: 'callee-rejected', hungUpBy: 'callee', sipStatus: calleeStatus });
      return;
    }
    this.log.error({ err }, 'outbound leg failed');
    reject(this.res, 502, reasonFor(502));
    void this.end({ reason: 'outbound-error', hungUpBy: 'masq', sipStatus: 502 });
  }

  /** Ring timeout or shutdown before answer: CANCEL the outbound leg; onFailed answers the caller. */
  private stopRinging(cause: 'ring-timeout' | 'shutdown'): void {
    if (this.answeredAt !== null || this.ending) return;
    this.stopCause = cause;
    this.log.info({ cause }, 'cancelling outbound leg');
    this.cancelOutbound();
  }

  private cancelOutbound(): void {
    this.uacReq?.cancel(() => undefined);
  }

  private forwardModify(to: Srf.Dialog, req: Srf.SrfRequest, res: Srf.SrfResponse): void {
    to.modify(this.sdp.scrub(req.body)).then(
      (sdp) => res.send(200, { body: this.sdp.scrub(sdp) }),
      (err: SipError) => res.send(err.status ?? 500),
    );
  }

  private forwardRequest(method: 'INFO' | 'UPDATE', to: Srf.Dialog, req: Srf.SrfRequest, res: Srf.SrfResponse): void {
    const headers: Record<string, string> = {};
    for (const h of INFO_HEADERS) if (req.has(h)) headers[h] = req.get(h);
    const body = req.get('Content-Type')?.includes('sdp') ? this.sdp.scrub(req.body) : req.body;
    to.request({ method, headers, ...(body ? { body } : {}) } as unknown as Srf.SrfRequest).then(
      (r) => {
        const rb = r.body && r.get('Content-Type')?.includes('sdp') ? this.sdp.scrub(r.body) : r.body;
        res.send(r.status, { ...(rb ? { body: rb } : {}) });
      },
      (err: SipError) => res.send(err.status ?? 500),
    );
  }

  /** Shutdown: a ringing call is cancelled, a connected one is hung up. */
  shutdown(): Promise<void> {
    if (this.answeredAt === null) {
      this.stopRinging('shutdown');
      return this.ending ?? Promise.resolve();
    }
    return this.end({ reason: 'shutdown', hungUpBy: 'masq', sipStatus: 200 });
  }

  /** Ends the call once: timers, both legs, the record, the event. Safe to call again. */
  end(info: EndInfo): Promise<void> {
    this.ending ??= this.finish(info);
    return this.ending;
  }

  private async finish(info: EndInfo): Promise<void> {
    clearTimeout(this.ringTimer);
    clearTimeout(this.limitTimer);
    const endedAt = Date.now();
    await Promise.all(
      [this.uas, this.uac].map(async (d) => {
        if (d && (d as unknown as { connected?: boolean }).connected !== false) {
          // Errors here mean the leg is already gone: nothing left to tear down.
          await new Promise<void>((resolve) => d.destroy(undefined, () => resolve()));
        }
      }),
    );
    const answered = this.answeredAt !== null;
    const durationSeconds = answered ? Math.floor((endedAt - (this.answeredAt as number)) / 1000) : 0;
    this.deps.onEnd(this);
    this.log.info({ reason: info.reason, hungUpBy: info.hungUpBy, sipStatus: info.sipStatus, durationSeconds }, 'call ended');
    await this.deps.calls
      .update(
        this.id,
        this.route.sessionId || null,
        {
          state: answered ? 'completed' : 'failed',
          endedAt,
          durationSeconds,
          sipStatus: info.sipStatus,
          hungUpBy: info.hungUpBy,
          endReason: info.reason,
        },
        answered ? 'call.completed' : 'call.failed',
      )
      .catch((err: unknown) => this.log.warn({ err }, 'call record not finalised'));
    this.event(answered ? 'call.completed' : 'call.failed', {
      sipStatus: info.sipStatus,
      durationSeconds,
      hungUpBy: info.hungUpBy,
      endReason: info.reason,
    });
  }
}
