/**
 * Admission of new calls on one SIP front end, from how late drachtio-server is.
 *
 * drachtio-server runs SIP on one thread. When it cannot keep up, its UDP
 * socket queues and then drops packets; callers retransmit every INVITE that
 * waits past 500 ms, which adds load, and call setup goes from milliseconds to
 * tens of seconds. Masq's own event loop can be idle meanwhile, so its lag
 * (load-guard.ts) does not see it. Two timings do:
 *
 * - the caller's ACK after the 200 OK Masq gives it: the ACK comes at once from
 *   a trunk and waits in the same UDP queue as every new INVITE;
 * - the outbound INVITE Masq hands drachtio-server, until it is on the wire:
 *   over TCP from this machine, so ahead of that UDP queue once it is standing,
 *   but late from the very start of an overload, before any ACK has come back.
 *
 * A burst makes a short queue that drains; a standing queue is overload. So the
 * decision looks at the shortest of each in a window (as CoDel does for packet
 * queues), the later of the two counting; an ACK less the shortest its source
 * gave over the last minute (that trunk's own round trip, which distance adds
 * to every ACK; a trunk that fails over to a farther address starts afresh).
 * Over the target three windows in a row (a hiccup is one or two; a pause of
 * Masq's own, a GC, is taken off), or once by four times the target, the
 * share of new calls taken is cut per window, by half or in proportion to how late, and the rest are
 * refused with 503 and Retry-After (the trunk retries elsewhere or later);
 * once both are prompt again it grows back a little each window. Refusing
 * costs drachtio-server a fraction of a call, so it stays ahead of what it is
 * offered and the calls it takes stay fast.
 */

import { performance } from 'node:perf_hooks';

/** How often the share of calls taken is revised. */
export const ADMISSION_WINDOW_MS = 100;

/** Late windows in a row before shedding starts (a hiccup is one or two)… */
const PERSIST = 3;
/** …unless this many times the target late: a queue that deep grows past callers' 500 ms retransmission in a moment. */
const SEVERE = 4;
/** The share is at least halved per late window (a queue grows fast), more in proportion when far over the target… */
const DECREASE = 0.5;
/** …and grows back by this much per clear window (all calls again within 2 s). */
const INCREASE = 0.05;
/** Never below this: some calls still go through, and their ACKs keep measuring. */
const FLOOR = 0.05;
/** A source's own round trip: its shortest ACK delay over this many buckets of… */
const BASE_BUCKETS = 6;
/** …this many windows each (6 × 10 s: one minute). */
const WINDOWS_PER_BUCKET = 100;
/** Sources remembered at most (a trunk has a few; the oldest is forgotten first). */
const MAX_SOURCES = 1000;

/** One source's shortest ACK delay per bucket, the current one last. */
type Base = number[];

export interface AdmissionOptions {
  /** How far (ms) the window's shortest ACK delay may exceed the usual before calls are shed; 0 turns admission control off. */
  targetMs: number;
  /** Told when the share of new calls taken leaves 1 and when it is back to 1. */
  onChange?(share: number, delayMs: number): void;
}

/** Whether to take a new call on one front end, from its callers' ACK delays. */
export class Admission {
  private share = 1;
  /** Calls owed by the share so far: a call is taken each time it reaches 1 (even spacing, no randomness). */
  private credit = 0;
  private shortest = Infinity;
  private shortestHandoff = Infinity;
  private offered = 0;
  private congested = 0;
  private readonly bases = new Map<string, Base>();
  private windowsInBucket = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly opts: AdmissionOptions) {}

  /** The share of new calls taken now (1: all). */
  get ratio(): number {
    return this.share;
  }

  /** A caller at `source` sent its ACK `ms` after Masq's 200 OK was on the wire. */
  observe(ms: number, source = ''): void {
    let base = this.bases.get(source);
    if (!base) {
      if (this.bases.size >= MAX_SOURCES) this.bases.delete(this.bases.keys().next().value as string);
      base = [Infinity];
      this.bases.set(source, base);
    }
    // Judged against the source's last minute, then remembered. A source with no
    // past (new, or silent for a minute) only starts its baseline: it says nothing yet.
    const usual = Math.min(...base);
    base[base.length - 1] = Math.min(base[base.length - 1] as number, ms);
    if (!Number.isFinite(usual)) return;
    const excess = ms - usual;
    if (excess < this.shortest) this.shortest = excess;
  }

  /**
   * An INVITE Masq handed to drachtio-server was on the wire `ms` later. That
   * path (over TCP, from this machine) has no trunk in it and needs no baseline:
   * it shows the thread falling behind from the first call, before any caller's
   * ACK has told the usual from the late (an instance started into full load).
   */
  observeHandoff(ms: number): void {
    if (ms < this.shortestHandoff) this.shortestHandoff = ms;
  }

  /** Whether to take the next new call. */
  admit(): boolean {
    this.offered++;
    if (this.share >= 1) return true;
    this.credit += this.share;
    if (this.credit < 1) return false;
    this.credit -= 1;
    return true;
  }

  /**
   * Closes a window: revises the share from its timings (called by the timer;
   * exposed for tests). `ownDelayMs` is how late this tick itself ran: a pause
   * of Masq's own event loop (a GC), which delayed the window's timings by as
   * much without any queue in drachtio-server, so it is taken off them.
   */
  tick(ownDelayMs = 0): void {
    // The later of the two: each window's promptest ACK (over its source's usual) and promptest handoff.
    const ack = this.shortest;
    const handoff = this.shortestHandoff;
    const later = ack === Infinity ? handoff : handoff === Infinity ? ack : Math.max(ack, handoff);
    const shortest = later === Infinity ? later : Math.max(0, later - ownDelayMs);
    const offered = this.offered;
    this.shortest = Infinity;
    this.shortestHandoff = Infinity;
    this.offered = 0;
    this.rotate();
    const before = this.share;
    if (shortest === Infinity) {
      // No ACK came: idle, or every call taken is still ringing. Only idle says the queue is gone.
      if (offered === 0) {
        this.congested = 0;
        this.share = Math.min(1, this.share + INCREASE);
      }
    } else if (shortest > this.opts.targetMs) {
      const target = this.opts.targetMs;
      if (++this.congested >= PERSIST || shortest > SEVERE * target) this.share = Math.max(FLOOR, this.share * Math.min(DECREASE, target / shortest));
    } else {
      this.congested = 0;
      if (shortest <= this.opts.targetMs / 2) this.share = Math.min(1, this.share + INCREASE);
    }
    if (before === 1 && this.share < 1) this.opts.onChange?.(this.share, Math.round(shortest));
    else if (before < 1 && this.share === 1) {
      this.credit = 0;
      this.opts.onChange?.(1, Number.isFinite(shortest) ? Math.round(shortest) : 0);
    }
  }

  /** Every 10 s each source starts a new bucket; buckets older than a minute are dropped. */
  private rotate(): void {
    if (++this.windowsInBucket < WINDOWS_PER_BUCKET) return;
    this.windowsInBucket = 0;
    for (const base of this.bases.values()) {
      base.push(Infinity);
      if (base.length > BASE_BUCKETS) base.shift();
    }
  }

  /** Starts revising every window (nothing when off); idempotent. */
  start(): void {
    if (this.timer || this.opts.targetMs <= 0) return;
    let due = performance.now() + ADMISSION_WINDOW_MS;
    this.timer = setInterval(() => {
      const now = performance.now();
      this.tick(Math.max(0, now - due));
      due = now + ADMISSION_WINDOW_MS;
    }, ADMISSION_WINDOW_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.share = 1;
  }
}
