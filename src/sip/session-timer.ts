/**
 * Session timers (RFC 4028), each leg on its own, with Masq as the refresher:
 * a leg that died silently (a phone that lost power, a carrier that forgot the
 * call) is found within half an interval plus one transaction timeout, instead
 * of at the call time limit.
 *
 * - Outbound INVITE: `Supported: timer`, `Session-Expires: N;refresher=uac`, `Min-SE`.
 * - The caller's 200 OK, when its INVITE said it supports timers:
 *   `Session-Expires: N;refresher=uas` and `Require: timer`.
 * - Every N/2 seconds, each leg that supports timers gets a refresh: UPDATE
 *   without a body when it allows UPDATE, else a re-INVITE with the SDP it has
 *   (one at a time per leg). A refresh answered 408 or 481 ends the call; so
 *   does a leg that has answered no refresh for a whole interval (its
 *   transactions time out, or only 503s come back). Any other answer — 491
 *   glare, 405 — shows the party is there and keeps the call up.
 * - Refreshes the parties send themselves are answered by drachtio-srf's dialog
 *   (`refresh` listeners below) and not relayed.
 *
 * A leg that supports no timers gets none: Masq never asks a peer for what it
 * did not advertise.
 */
import type Srf from 'drachtio-srf';
import type { Logger } from '../logger.js';

/** RFC 4028's floor for Session-Expires; headers never ask for less. */
export const MIN_SE = 90;

type Message = Pick<Srf.SipMessage, 'has' | 'get'>;

function lists(msg: Message, header: string, token: string): boolean {
  return msg.has(header) && new RegExp(`(^|[,\\s])${token}($|[,\\s;])`, 'i').test(msg.get(header));
}

/** Whether a request or response shows support for session timers. */
export function supportsTimer(msg: Message): boolean {
  return lists(msg, 'Supported', 'timer') || lists(msg, 'Require', 'timer') || msg.has('Session-Expires');
}

/** Headers of the outbound INVITE. */
export function offerHeaders(intervalS: number): Record<string, string> {
  const se = Math.max(MIN_SE, intervalS);
  return { Supported: 'timer', 'Session-Expires': `${se};refresher=uac`, 'Min-SE': String(MIN_SE) };
}

/** Headers of the caller's 200 OK: Masq refreshes (uas), within what the caller asked. */
export function answerHeaders(req: Message, intervalS: number): Record<string, string> {
  if (!supportsTimer(req)) return {};
  let se = Math.max(MIN_SE, intervalS);
  const asked = /^\s*(\d+)/.exec(req.has('Session-Expires') ? req.get('Session-Expires') : '')?.[1];
  if (asked) se = Math.max(MIN_SE, Math.min(se, Number(asked)));
  return { 'Session-Expires': `${se};refresher=uas`, Require: 'timer' };
}

export interface TimedLeg {
  name: 'caller' | 'callee';
  dialog: Srf.Dialog;
  /** The leg advertised timer support. */
  supported: boolean;
  /** The leg allows UPDATE (refreshes without SDP). */
  allowsUpdate: boolean;
}

type SipError = Error & { status?: number };

/** Refreshes both legs of a connected call until stopped; reports a leg that fails a refresh. */
export class SessionRefresher {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly lastAnswered = new Map<TimedLeg['name'], number>();
  private readonly inFlight = new Set<TimedLeg['name']>();

  constructor(
    private readonly legs: readonly TimedLeg[],
    private readonly intervalS: number,
    private readonly onDead: (leg: TimedLeg['name']) => void,
    private readonly log: Logger,
  ) {}

  start(): void {
    const live = this.legs.filter((l) => l.supported);
    if (live.length === 0) return;
    for (const l of this.legs) {
      // A party's own refresh (same SDP) is answered by its dialog, not relayed.
      l.dialog.on('refresh', () => this.log.debug({ leg: l.name }, 'session refreshed by the party'));
    }
    const now = Date.now();
    for (const l of live) this.lastAnswered.set(l.name, now);
    const every = (this.intervalS * 1000) / 2;
    this.timer = setInterval(() => {
      for (const l of live) this.tick(l);
    }, every);
    this.timer.unref();
  }

  private tick(leg: TimedLeg): void {
    if (this.stopped || !leg.dialog.connected) return;
    const silentMs = Date.now() - (this.lastAnswered.get(leg.name) ?? 0);
    if (silentMs > this.intervalS * 1000) return this.dead(leg, undefined);
    if (!this.inFlight.has(leg.name)) void this.refresh(leg);
  }

  private dead(leg: TimedLeg, status: number | undefined): void {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.timer);
    this.log.info({ leg: leg.name, status }, 'session refresh failed: ending the call');
    this.onDead(leg.name);
  }

  private async refresh(leg: TimedLeg): Promise<void> {
    this.inFlight.add(leg.name);
    let status: number | undefined;
    try {
      if (leg.allowsUpdate) status = (await leg.dialog.request({ method: 'UPDATE' })).status;
      else {
        await leg.dialog.modify(leg.dialog.local.sdp);
        status = 200;
      }
    } catch (err) {
      status = (err as SipError).status;
    } finally {
      this.inFlight.delete(leg.name);
    }
    if (status === 408 || status === 481) return this.dead(leg, status);
    // No answer, or a 503 (also what a transport failure looks like): not a sign of life.
    if (status !== undefined && status !== 503) this.lastAnswered.set(leg.name, Date.now());
    else this.log.debug({ leg: leg.name, status }, 'session refresh not answered');
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }
}

/** A leg as the message it advertised with (the caller's INVITE, the callee's 200 OK) shows it. */
export function timedLeg(name: TimedLeg['name'], dialog: Srf.Dialog, advertised: Message): TimedLeg {
  const allowsUpdate = /\bUPDATE\b/i.test(advertised.has('Allow') ? advertised.get('Allow') : '');
  return { name, dialog, supported: supportsTimer(advertised), allowsUpdate };
}

/**
 * The refresher of a connected call: the caller's leg as its INVITE advertised,
 * the callee's as its 200 OK did.
 */
export function refresherFor(
  invite: Message,
  uas: Srf.Dialog,
  uac: Srf.Dialog,
  intervalS: number,
  onDead: (leg: TimedLeg['name']) => void,
  log: Logger,
): SessionRefresher {
  return new SessionRefresher([timedLeg('caller', uas, invite), timedLeg('callee', uac, uac.res)], intervalS, onDead, log);
}
