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
 *
 * What it limits is a rate of new calls, not a share of them: what a front end
 * can take does not depend on what is offered, and when the offer falls back
 * under it nothing is refused. It works as a sender's congestion window does:
 *
 * - **The cut.** Over the target three windows in a row (a hiccup is one or
 *   two), or once by four times the target, the rate is cut to half of what was
 *   taken over the last second, or less in proportion to how late. The calls
 *   over it get 503 and Retry-After (the trunk retries elsewhere or later). A
 *   cut shows in the timings only a queue delay later, so there is no further
 *   cut before then; further cuts while the queue drains go down to 5 % of the
 *   mark (below), so that some calls still go through and their ACKs measure.
 * - **The mark**, where the climb back slows down. A queue met with no limit
 *   set marks half of what was taken: that was all that was offered, which may
 *   be any multiple of what the front end can take. A queue met while probing
 *   past the mark marks what was taken. One met while climbing back lowers the
 *   mark by a fifth at most: what is left of a queue looks alike, and taking it
 *   at its word ratchets the limit down to nothing.
 * - **The climb back**, once a window's ACKs are prompt: ×1.25 a window up to
 *   90 % of the mark, then past it in steps of 0.5 % of it that double every
 *   2 s while no queue forms (the farther from the last queue, the farther from
 *   the next). While a limit is set only an ACK says the queue is gone: a
 *   prompt handoff runs ahead of a standing UDP queue.
 * - **The lift**, once a second's offer has stayed under 80 % of the limit.
 *
 * Refusing costs drachtio-server a fraction of a call, so it stays ahead of
 * what it is offered and the calls it takes stay fast. One pause of Masq's own
 * (a GC) is taken off a window's timings; its ticks late in a row are Masq
 * itself not keeping up, and count.
 */

import { performance } from 'node:perf_hooks';
import { AckBaselines } from './ack-baselines.js';

/** How often the rate of new calls taken is revised. */
export const ADMISSION_WINDOW_MS = 100;

/** Late windows in a row before shedding starts (a hiccup is one or two)… */
const PERSIST = 3;
/** …unless this many times the target late: a queue that deep grows past callers' 500 ms retransmission in a moment. */
const SEVERE = 4;
/** A cut at least halves the rate taken, more in proportion when far over the target. */
const DECREASE = 0.5;
/** Rates are measured over this many windows (one second). */
const RATE_WINDOWS = 10;
/** Below this share of the mark the limit climbs back fast, by this factor per window (0.05 → 0.9 of it in 1.3 s)… */
const RECLIMB = 0.9;
const RECLIMB_FACTOR = 1.25;
/** The mark set by a queue met with no limit: this share of what was taken (all that was offered). */
const ONSET = 0.5;
/** A queue met while climbing back lowers that mark by this factor at most. */
const RELOWER = 0.8;
/** …above it, by this share of the mark per window at first (5 % a second)… */
const PROBE = 0.005;
/** …a step that doubles every this many prompt windows past the mark (2 s): the longer no queue forms, the farther the limit is from one. */
const PROBE_DOUBLING = 20;
/** Never below this share of the mark (nor 1 call/s): some calls still go through, and their ACKs keep measuring. */
const FLOOR = 0.05;
/** The limit is lifted once the offer has stayed under this share of it for a second. */
const LIFT = 0.8;
/** Calls taken back to back at most: what the limit allows in this long. */
const BURST_S = 0.2;
export interface AdmissionOptions {
  /** How far (ms) the window's shortest ACK delay may exceed the usual before calls are shed; 0 turns admission control off. */
  targetMs: number;
  /** Told when a limit is set on new calls (its rate, calls/s) and when it is lifted (Infinity). */
  onChange?(limit: number, delayMs: number): void;
  /** Milliseconds, monotonic (tests drive it). */
  clock?: () => number;
}

/** Whether to take a new call on one front end, from its callers' ACK delays. */
export class Admission {
  /** New calls per second taken at most (Infinity: no limit). */
  private cap = Infinity;
  /** The mark: about what this front end can take, from where queues formed (calls/s). */
  private mark = Infinity;
  private tokens = 0;
  private refilledAt = 0;
  private shortest = Infinity;
  private shortestHandoff = Infinity;
  private offered = 0;
  private admitted = 0;
  /** Per window of the last second: offered, taken, and how long it lasted (ms). */
  private readonly history: { offered: number; admitted: number; ms: number }[] = [];
  private windowStart: number;
  private congested = 0;
  /** A cut was made and the queue has not been under the target since. */
  private draining = false;
  /** No further cut before this: a cut shows in the timings a queue delay later. */
  private holdUntil = 0;
  private roomy = 0;
  /** Prompt windows spent probing past the mark since the last cut. */
  private probes = 0;
  /** Windows in a row whose own tick ran later than the target. */
  private ownLate = 0;
  private readonly baselines = new AckBaselines();
  private timer: NodeJS.Timeout | undefined;
  private readonly clock: () => number;

  constructor(private readonly opts: AdmissionOptions) {
    this.clock = opts.clock ?? (() => performance.now());
    this.windowStart = this.clock();
  }

  /** New calls per second taken at most (Infinity: no limit). */
  get limit(): number {
    return this.cap;
  }

  /** The share of new calls taken over the last second (1: all). */
  get ratio(): number {
    if (this.cap === Infinity) return 1;
    let offered = this.offered;
    let admitted = this.admitted;
    for (const w of this.history) {
      offered += w.offered;
      admitted += w.admitted;
    }
    return offered === 0 ? 1 : admitted / offered;
  }

  /** A caller at `source` sent its ACK `ms` after Masq's 200 OK was on the wire. */
  observe(ms: number, source = ''): void {
    const excess = this.baselines.excess(source, ms);
    if (excess !== undefined && excess < this.shortest) this.shortest = excess;
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

  /** Whether to take the next new call: under the limit, spaced as it allows (no randomness). */
  admit(): boolean {
    this.offered++;
    if (this.cap !== Infinity) {
      const now = this.clock();
      this.tokens = Math.min(this.burst(), this.tokens + (this.cap * (now - this.refilledAt)) / 1000);
      this.refilledAt = now;
      if (this.tokens < 1) return false;
      this.tokens -= 1;
    }
    this.admitted++;
    return true;
  }

  /**
   * Closes a window: revises the limit from its timings (called by the timer;
   * exposed for tests). `ownDelayMs` is how late this tick itself ran. One
   * pause of Masq's own event loop (a GC) delays the window's timings by as
   * much without any queue in drachtio-server, so it is taken off them. Late
   * ticks in a row are Masq itself not keeping up with what drachtio-server
   * hands it (its socket from drachtio-server queues as drachtio's UDP socket
   * does, and the calls wait as long): that counts as late as anything else.
   */
  tick(ownDelayMs = 0): void {
    const now = this.clock();
    // The later of the two: each window's promptest ACK (over its source's usual) and promptest handoff.
    const ack = this.shortest;
    const handoff = this.shortestHandoff;
    const later = ack === Infinity ? handoff : handoff === Infinity ? ack : Math.max(ack, handoff);
    const pause = this.ownLate === 0 ? ownDelayMs : 0;
    this.ownLate = ownDelayMs > this.opts.targetMs ? this.ownLate + 1 : 0;
    const late = later === Infinity ? later : Math.max(0, later - pause);
    const offered = this.offered;
    this.history.push({ offered, admitted: this.admitted, ms: Math.max(1, now - this.windowStart) });
    if (this.history.length > RATE_WINDOWS) this.history.shift();
    this.windowStart = now;
    this.shortest = Infinity;
    this.shortestHandoff = Infinity;
    this.offered = 0;
    this.admitted = 0;
    this.baselines.rotate();
    const before = this.cap;
    const target = this.opts.targetMs;
    if (late === Infinity || (ack === Infinity && late <= target)) {
      // No ACK came: idle, or every call taken is still ringing. Only idle says the queue is gone
      // (a prompt handoff does not: it runs ahead of a standing queue).
      if (offered === 0) this.prompt();
    } else if (late > target) {
      this.roomy = 0;
      if ((++this.congested >= PERSIST || late > SEVERE * target) && now >= this.holdUntil) this.cut(late, now);
    } else if (late <= target / 2) this.prompt();
    else {
      this.congested = 0;
      this.draining = false;
    }
    if (before === Infinity && this.cap !== Infinity) this.opts.onChange?.(this.cap, Math.round(late));
    else if (before !== Infinity && this.cap === Infinity) this.opts.onChange?.(Infinity, Number.isFinite(late) ? Math.round(late) : 0);
  }

  /** Sets the limit under what was taken over the last second, by how late the queue is. */
  private cut(late: number, now: number): void {
    const taken = this.rate('admitted');
    const base = Math.min(this.cap, taken);
    if (!(base > 0)) return; // nothing was taken: nothing to limit
    // Where the mark goes (module doc): a deeper cut while the queue drains leaves it.
    if (!this.draining) {
      if (this.cap === Infinity) this.mark = base * ONSET;
      else this.mark = this.cap >= this.mark * RECLIMB ? base : Math.max(base, this.mark * RELOWER);
    }
    this.draining = true;
    this.cap = Math.max(1, this.mark * FLOOR, base * Math.min(DECREASE, this.opts.targetMs / late));
    this.tokens = Math.min(this.tokens, this.burst());
    this.refilledAt = now;
    this.holdUntil = now + Math.min(late, 1000);
    this.probes = 0;
    this.roomy = 0;
  }

  /** A prompt window: the limit climbs, and is lifted once the offer stays well under it. */
  private prompt(): void {
    this.congested = 0;
    this.draining = false;
    if (this.cap === Infinity) return;
    const reclimb = this.mark * RECLIMB;
    if (this.cap < reclimb) this.cap = Math.min(reclimb, this.cap * RECLIMB_FACTOR);
    else this.cap += this.mark * PROBE * 2 ** (this.probes++ / PROBE_DOUBLING);
    if (this.rate('offered') < this.cap * LIFT) {
      if (++this.roomy >= RATE_WINDOWS) {
        this.cap = Infinity;
        this.mark = Infinity;
        this.roomy = 0;
      }
    } else this.roomy = 0;
  }

  /** Calls per second offered or taken over the last second's windows. */
  private rate(of: 'offered' | 'admitted'): number {
    let n = 0;
    let ms = 0;
    for (const w of this.history) {
      n += w[of];
      ms += w.ms;
    }
    return ms > 0 ? (n * 1000) / ms : 0;
  }

  private burst(): number {
    return Math.max(1, this.cap * BURST_S);
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
    this.cap = Infinity;
    this.mark = Infinity;
    this.draining = false;
  }
}
