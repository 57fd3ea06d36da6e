import { describe, expect, it } from 'vitest';
import { Admission } from '../../src/sip/admission.js';

const TRUNK = '192.0.2.10';
const WINDOW_MS = 100;

/** An admission on a clock the test moves, with what it told of its limit. */
function harness(targetMs = 50) {
  let now = 0;
  const changes: number[] = [];
  const a = new Admission({ targetMs, clock: () => now, onChange: (limit) => changes.push(limit) });
  /**
   * One window of 100 ms: `calls` offered evenly spread, each taken one ACKing
   * after `ackMs` (undefined: no ACK yet), then the window closed. Returns how
   * many were taken.
   */
  const window = (calls: number, ackMs: number | undefined, source = TRUNK): number => {
    const start = now;
    let taken = 0;
    for (let i = 0; i < calls; i++) {
      now = start + ((i + 0.5) * WINDOW_MS) / calls;
      if (!a.admit()) continue;
      taken++;
      if (ackMs !== undefined) a.observe(ackMs, source);
    }
    now = start + WINDOW_MS;
    a.tick();
    return taken;
  };
  const windows = (n: number, calls: number, ackMs: number | undefined, source = TRUNK): void => {
    for (let w = 0; w < n; w++) window(calls, ackMs, source);
  };
  return {
    a,
    changes,
    window,
    windows,
    advance: (ms: number) => (now += ms),
  };
}

/** Usual ACKs at 3 ms, then 200 calls/s taken with ACKs 87 ms over that for three windows: the cut. */
function cutAt100(h: ReturnType<typeof harness>): void {
  h.window(20, 3);
  h.windows(3, 20, 90);
}

describe('admission from ACK delays', () => {
  it('takes every call while ACKs are prompt', () => {
    const h = harness();
    for (let w = 0; w < 50; w++) expect(h.window(20, 2 + (w % 3))).toBe(20);
    expect(h.a.limit).toBe(Infinity);
    expect(h.a.ratio).toBe(1);
    expect(h.changes).toEqual([]);
  });

  it('after three late windows limits new calls to half the rate taken over the last second, and says so', () => {
    const h = harness();
    h.window(20, 3);
    h.windows(2, 20, 90);
    expect(h.a.limit).toBe(Infinity);
    h.window(20, 90);
    // 80 calls taken in 400 ms: 200/s; 87 ms late is under twice the target, so half of it.
    expect(h.a.limit).toBe(100);
    expect(h.changes).toEqual([100]);
    // The next window offers 400/s: 100/s of it is taken, and the share over the last second shows it.
    const taken = h.window(40, 90);
    expect(taken).toBeGreaterThanOrEqual(9);
    expect(taken).toBeLessThanOrEqual(10);
    expect(h.a.ratio).toBeCloseTo((80 + taken) / 120);
  });

  it('spaces the calls it takes evenly, with at most a fifth of a second of them back to back', () => {
    const h = harness();
    cutAt100(h);
    const takenAt: number[] = [];
    for (let ms = 1; ms <= 100; ms++) {
      h.advance(1);
      if (h.a.admit()) takenAt.push(ms);
    }
    expect(takenAt.length).toBeGreaterThanOrEqual(9);
    expect(takenAt.length).toBeLessThanOrEqual(10);
    for (let i = 1; i < takenAt.length; i++) expect((takenAt[i] as number) - (takenAt[i - 1] as number)).toBeGreaterThanOrEqual(9);
    // A second with nothing offered saves up 0.2 s of calls at 100/s, no more.
    h.advance(1000);
    let burst = 0;
    for (let i = 0; i < 50; i++) if (h.a.admit()) burst++;
    expect(burst).toBe(20);
  });

  it('cuts at once, in proportion, when four times the target late; just under, only after three windows', () => {
    const h = harness();
    h.window(20, 3);
    h.window(20, 503);
    expect(h.a.limit).toBeCloseTo(200 * (50 / 500));
    const g = harness();
    g.window(20, 3);
    g.windows(2, 20, 203);
    expect(g.a.limit).toBe(Infinity);
    g.window(20, 203);
    expect(g.a.limit).toBeCloseTo(200 * (50 / 200));
  });

  it('cuts no further for one queue delay after a cut: what it took shows in the timings only that much later', () => {
    const h = harness();
    h.window(20, 3);
    h.window(20, 503);
    expect(h.a.limit).toBeCloseTo(20);
    // 500 ms late: the next four windows still show the queue as it was before the cut.
    for (let w = 0; w < 4; w++) {
      h.window(20, 503);
      expect(h.a.limit).toBeCloseTo(20);
    }
    h.window(20, 503);
    expect(h.a.limit).toBe(5);
  });

  it('sets no limit from a late window when nothing was taken over the last second: there is no rate to cut', () => {
    const h = harness();
    h.a.observeHandoff(900);
    h.advance(100);
    h.a.tick();
    expect(h.a.limit).toBe(Infinity);
  });

  it('marks half the rate taken when a queue first forms, keeps that mark while it drains (deeper cuts go to 5 % of it), climbs back fast to 90 % of it, then probes past it in steps that double every 2 s', () => {
    const h = harness();
    cutAt100(h); // 200/s taken when the queue formed, all that was offered: the mark is 100
    // The queue deepens (300 ms late): cut again once a queue delay has passed since the last, down to the floor.
    h.windows(8, 40, 300);
    expect(h.a.limit).toBe(5);
    // Prompt again, still offered 400/s: ×1.25 per window up to 90…
    // (a window where the few calls it took have not ACKed yet holds it).
    const factors: number[] = [];
    while (h.a.limit < 90 && factors.length < 40) {
      const before = h.a.limit;
      h.window(40, 3);
      factors.push(Math.round((h.a.limit / before) * 1000) / 1000);
    }
    expect(h.a.limit).toBe(90);
    expect(factors.filter((f) => f === 1.25).length).toBe(12);
    expect(factors.every((f, i) => f === 1.25 || f === 1 || i === factors.length - 1)).toBe(true);
    h.window(40, 3);
    expect(h.a.limit).toBe(90.5);
    // …then by 0.5 % of the mark per window, a step that doubles every 20 prompt windows.
    const steps: number[] = [];
    for (let w = 0; w < 40; w++) {
      const before = h.a.limit;
      h.window(40, 3);
      steps.push(h.a.limit - before);
    }
    expect(steps[0]).toBeCloseTo(0.5 * 2 ** (1 / 20));
    expect((steps[20] as number) / (steps[0] as number)).toBeCloseTo(2);
    expect((steps[39] as number) / (steps[19] as number)).toBeCloseTo(2);
    expect(h.changes).toEqual([100]);
  });

  it('starts probing again from the smallest step after a queue met while probing', () => {
    const h = harness();
    cutAt100(h);
    h.windows(60, 40, 3); // at the mark by now, and probing in steps four times the first
    const probing = h.a.limit;
    expect(probing).toBeGreaterThan(110);
    h.windows(3, 40, 90);
    expect(h.a.limit).toBeLessThan(probing / 2 + 1);
    // The fast climb (×1.25 a window, or held) ends at 90 % of the new mark…
    for (let w = 0; w < 40; w++) {
      const before = h.a.limit;
      h.window(40, 3);
      const factor = h.a.limit / before;
      if (factor !== 1 && Math.abs(factor - 1.25) > 1e-9) break;
    }
    // …and the step after it is 0.5 % of the mark again.
    const mark = h.a.limit / 0.9;
    const before = h.a.limit;
    h.window(40, 3);
    expect(h.a.limit - before).toBeCloseTo(0.005 * mark);
  });

  it('a queue met while climbing back lowers that mark by a fifth at most', () => {
    const h = harness();
    cutAt100(h); // the mark: 100
    h.window(40, 90); // deeper while draining: 50, the mark kept
    expect(h.a.limit).toBe(50);
    h.window(40, 3);
    expect(h.a.limit).toBe(62.5);
    h.windows(3, 40, 90);
    // Half of the limit it was climbing at.
    expect(h.a.limit).toBe(31.25);
    const climb: number[] = [];
    for (let w = 0; w < 8; w++) {
      h.window(40, 3);
      climb.push(Math.round(h.a.limit * 10) / 10);
    }
    // The mark is now 80 (100 lowered by a fifth, not to the 62.5/s being taken): the fast climb stops at 72.
    expect(climb).toContain(72);
    expect(Math.max(...climb)).toBeLessThan(75);
  });

  it("lifts the limit once a second's offer has stayed under 80 % of it, and not while it stays over", () => {
    const h = harness();
    cutAt100(h);
    h.windows(40, 40, 3);
    expect(h.a.limit).toBeLessThan(Infinity);
    let windows = 0;
    while (h.a.limit !== Infinity && windows < 100) {
      h.window(5, 3);
      windows++;
    }
    // The last second's offer falls under 80 % of the limit within a few windows, then ten more.
    expect(windows).toBeGreaterThanOrEqual(10);
    expect(windows).toBeLessThanOrEqual(20);
    expect(h.changes).toEqual([100, Infinity]);
    expect(h.a.ratio).toBe(1);
    expect(h.window(40, 3)).toBe(40);
  });

  it('lifts the limit after about a second with nothing offered', () => {
    const h = harness();
    cutAt100(h);
    let windows = 0;
    while (h.a.limit !== Infinity && windows < 100) {
      h.window(0, undefined);
      windows++;
    }
    // Ten windows once the last second's offer, the calls before the pause included, is under 80 % of the climbing limit.
    expect(windows).toBeGreaterThanOrEqual(10);
    expect(windows).toBeLessThanOrEqual(15);
  });

  it('while limited, a prompt handoff alone is no sign that the queue is gone: only an ACK is', () => {
    const h = harness();
    cutAt100(h);
    for (let w = 0; w < 5; w++) {
      h.a.observeHandoff(2);
      h.window(40, undefined);
    }
    expect(h.a.limit).toBe(100);
    h.window(40, 3);
    expect(h.a.limit).toBeGreaterThan(100);
  });

  it('with no limit set, a prompt handoff alone does not clear the count of late windows either', () => {
    const h = harness();
    h.window(20, 3);
    h.windows(2, 20, 90);
    h.a.observeHandoff(2);
    h.window(20, undefined);
    expect(h.a.limit).toBe(Infinity);
    h.window(20, 90);
    expect(h.a.limit).toBeLessThan(Infinity);
  });

  it('holds while the calls it takes have not been answered yet, and climbs when idle', () => {
    const h = harness();
    cutAt100(h);
    h.window(40, undefined);
    expect(h.a.limit).toBe(100);
    h.window(0, undefined);
    expect(h.a.limit).toBeGreaterThan(100);
  });

  it('holds between half the target and the target', () => {
    const h = harness();
    cutAt100(h);
    h.window(40, 3 + 40);
    expect(h.a.limit).toBe(100);
  });

  it("takes a pause of Masq's own off the window's timings: a GC is no queue in drachtio-server", () => {
    const h = harness();
    h.window(20, 3);
    for (let i = 0; i < 20; i++) h.a.admit();
    for (let i = 0; i < 10; i++) h.a.observeHandoff(402 + i);
    h.advance(100);
    h.a.tick(400);
    expect(h.a.limit).toBe(Infinity);
    for (let i = 0; i < 10; i++) h.a.observeHandoff(402 + i);
    h.advance(100);
    h.a.tick(0);
    expect(h.a.limit).toBeLessThan(40);
  });

  it("counts Masq's own ticks late in a row: then Masq itself is not keeping up with what drachtio-server hands it", () => {
    const h = harness();
    h.window(20, 3);
    for (let w = 0; w < 3; w++) {
      for (let i = 0; i < 20; i++) h.a.admit();
      h.a.observeHandoff(300);
      h.advance(100);
      h.a.tick(250);
    }
    // The first late tick is taken as a pause (nothing); the second is Masq behind, 300 ms: cut at once.
    expect(h.a.limit).toBeCloseTo(200 * (50 / 300));
  });

  it("judges each source against its own round trip: a far trunk is not a queue, and a new source's first ACK says nothing", () => {
    const h = harness();
    h.windows(5, 10, 180, '198.51.100.7');
    expect(h.a.limit).toBe(Infinity);
    // A source never seen before, slow from its first ACK: its baseline starts there.
    h.window(10, 900, '203.0.113.99');
    expect(h.a.limit).toBe(Infinity);
    // The far trunk's ACKs lag 90 ms past its own usual: a queue, whatever a newcomer's first ACK took.
    for (let w = 0; w < 3; w++) {
      h.a.observe(20, `203.0.113.${200 + w}`);
      h.window(10, 270, '198.51.100.7');
    }
    expect(h.a.limit).toBe(50);
  });

  it('takes a lasting change of round trip as the new usual after a minute', () => {
    const h = harness();
    h.window(10, 5);
    // The trunk moves farther away for good: shed at first…
    h.windows(3, 10, 90);
    expect(h.a.limit).toBe(50);
    // …until its old baseline is a minute old (600 windows of 100 ms); then the limit climbs and is lifted.
    h.windows(1000, 10, 90);
    expect(h.a.limit).toBe(Infinity);
  });

  it('one late window (a pause of its own, a GC) sheds nothing; the count starts again after a prompt one', () => {
    const h = harness();
    h.window(20, 3);
    for (let i = 0; i < 5; i++) {
      h.windows(2, 20, 150);
      h.window(20, 4);
    }
    expect(h.a.limit).toBe(Infinity);
  });

  it('one prompt ACK in a window clears it: the queue was short at that moment', () => {
    const h = harness();
    h.window(20, 3);
    for (let i = 0; i < 20; i++) h.a.admit();
    for (let i = 0; i < 10; i++) h.a.observe(300, TRUNK);
    h.a.observe(4, TRUNK);
    h.advance(100);
    h.a.tick();
    expect(h.a.limit).toBe(Infinity);
  });

  it('sheds from the first calls when drachtio-server is slow to send what Masq hands it, before any ACK has set a usual', () => {
    const h = harness();
    h.a.observe(900, TRUNK); // a first ACK: only a baseline
    for (let i = 0; i < 10; i++) h.a.observeHandoff(260 + i);
    h.window(20, undefined);
    expect(h.a.limit).toBeCloseTo(200 * (50 / 260));
    // Prompt handoffs, but ACKs late over their usual: the later of the two decides.
    const g = harness();
    g.window(20, 3);
    for (let w = 0; w < 3; w++) {
      g.a.observeHandoff(2);
      g.window(20, 90);
    }
    expect(g.a.limit).toBe(100);
  });

  it('is off with a target of 0: no timer, every call taken', () => {
    const a = new Admission({ targetMs: 0 });
    a.start();
    expect(a.admit()).toBe(true);
    a.stop();
  });
});
