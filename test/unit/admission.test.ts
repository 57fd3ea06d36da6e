import { describe, expect, it } from 'vitest';
import { Admission } from '../../src/sip/admission.js';

const TRUNK = '192.0.2.10';

/** One window: `calls` offered, each taken one ACKing after `ackMs` (undefined: no ACK yet). Returns how many were taken. */
function window(a: Admission, calls: number, ackMs: number | undefined, source = TRUNK): number {
  let taken = 0;
  for (let i = 0; i < calls; i++) {
    if (!a.admit()) continue;
    taken++;
    if (ackMs !== undefined) a.observe(ackMs, source);
  }
  a.tick();
  return taken;
}

/** Three late windows in a row: the first two only count, the third halves the share. */
function lateWindows(a: Admission, calls: number, ackMs: number, source = TRUNK): void {
  for (let w = 0; w < 3; w++) window(a, calls, ackMs, source);
}

describe('admission from ACK delays', () => {
  it('takes every call while ACKs are prompt', () => {
    const a = new Admission({ targetMs: 50 });
    for (let w = 0; w < 50; w++) expect(window(a, 20, 2 + (w % 3))).toBe(20);
    expect(a.ratio).toBe(1);
  });

  it('halves the share per window once ACKs lag past the target, down to a floor, and spaces the calls it takes evenly', () => {
    const changes: number[] = [];
    const a = new Admission({ targetMs: 50, onChange: (s) => changes.push(s) });
    window(a, 20, 3);
    window(a, 20, 90);
    window(a, 20, 90);
    expect(a.ratio).toBe(1);
    window(a, 20, 90);
    expect(a.ratio).toBe(0.5);
    expect(changes).toEqual([0.5]);
    // Half of the next window's calls, one in two.
    const taken: boolean[] = Array.from({ length: 10 }, () => a.admit());
    expect(taken).toEqual([false, true, false, true, false, true, false, true, false, true]);
    for (const t of taken) if (t) a.observe(90, TRUNK);
    a.tick();
    expect(a.ratio).toBe(0.25);
    for (let w = 0; w < 10; w++) window(a, 200, 400);
    expect(a.ratio).toBe(0.05);
    expect(window(a, 200, 400)).toBe(10);
  });

  it('grows back a little per prompt window, and says when it takes every call again', () => {
    const changes: number[] = [];
    const a = new Admission({ targetMs: 50, onChange: (s) => changes.push(s) });
    window(a, 20, 3);
    for (let w = 0; w < 10; w++) window(a, 100, 300);
    expect(a.ratio).toBe(0.05);
    let windows = 0;
    while (a.ratio < 1 && windows < 100) {
      window(a, 100, 4);
      windows++;
    }
    expect(windows).toBe(19); // 0.05 → 1 in steps of 0.05
    expect(changes).toEqual([50 / 297, 1]); // 300 ms late: cut at once in proportion
    expect(window(a, 20, 4)).toBe(20);
  });

  it('cuts at once, in proportion, when four times the target late; just under, only after three windows', () => {
    const a = new Admission({ targetMs: 50 });
    window(a, 20, 3);
    window(a, 20, 503);
    expect(a.ratio).toBeCloseTo(0.1);
    const b = new Admission({ targetMs: 50 });
    window(b, 20, 3);
    window(b, 20, 203);
    window(b, 20, 203);
    expect(b.ratio).toBe(1);
    window(b, 20, 203);
    expect(b.ratio).toBeCloseTo(0.25);
  });

  it("takes a pause of Masq's own off the window's timings: a GC is no queue in drachtio-server", () => {
    const a = new Admission({ targetMs: 50 });
    window(a, 20, 3);
    for (let i = 0; i < 10; i++) a.observeHandoff(402 + i);
    a.tick(400);
    expect(a.ratio).toBe(1);
    for (let i = 0; i < 10; i++) a.observeHandoff(402 + i);
    a.tick(0);
    expect(a.ratio).toBeLessThan(0.2);
  });

  it('holds while the calls it takes have not been answered yet, and grows only when idle', () => {
    const a = new Admission({ targetMs: 50 });
    window(a, 20, 3);
    lateWindows(a, 20, 90);
    expect(a.ratio).toBe(0.5);
    window(a, 20, undefined);
    expect(a.ratio).toBe(0.5);
    window(a, 0, undefined);
    expect(a.ratio).toBeCloseTo(0.55);
  });

  it('holds between half the target and the target', () => {
    const a = new Admission({ targetMs: 50 });
    window(a, 20, 3);
    lateWindows(a, 20, 90);
    window(a, 20, 3 + 40);
    expect(a.ratio).toBe(0.5);
  });

  it("judges each source against its own round trip: a far trunk is not a queue, and a new source's first ACK says nothing", () => {
    const a = new Admission({ targetMs: 50 });
    for (let w = 0; w < 5; w++) window(a, 10, 180, '198.51.100.7');
    expect(a.ratio).toBe(1);
    // A source never seen before, slow from its first ACK: its baseline starts there.
    window(a, 10, 900, '203.0.113.99');
    expect(a.ratio).toBe(1);
    // The far trunk's ACKs lag 200 ms past its own usual: a queue, whatever a newcomer's first ACK took.
    for (let w = 0; w < 3; w++) {
      a.observe(20, `203.0.113.${200 + w}`);
      window(a, 10, 270, '198.51.100.7');
    }
    expect(a.ratio).toBe(0.5);
  });

  it('takes a lasting change of round trip as the new usual after a minute', () => {
    const a = new Admission({ targetMs: 50 });
    window(a, 10, 5);
    // The trunk moves farther away for good: shed at first…
    lateWindows(a, 10, 90);
    expect(a.ratio).toBe(0.5);
    // …until its old baseline is a minute old (600 windows of 100 ms).
    for (let w = 0; w < 620; w++) window(a, 10, 90);
    expect(a.ratio).toBe(1);
  });

  it('one late window (a pause of its own, a GC) sheds nothing; the count starts again after a prompt one', () => {
    const a = new Admission({ targetMs: 50 });
    window(a, 20, 3);
    for (let i = 0; i < 5; i++) {
      window(a, 20, 150);
      window(a, 20, 150);
      window(a, 20, 4);
    }
    expect(a.ratio).toBe(1);
  });

  it('one prompt ACK in a window clears it: the queue was short at that moment', () => {
    const a = new Admission({ targetMs: 50 });
    window(a, 20, 3);
    for (let i = 0; i < 10; i++) a.observe(300, TRUNK);
    a.observe(4, TRUNK);
    a.tick();
    expect(a.ratio).toBe(1);
  });

  it('sheds from the first calls when drachtio-server is slow to send what Masq hands it, before any ACK has set a usual', () => {
    const a = new Admission({ targetMs: 50 });
    a.observe(900, TRUNK); // a first ACK: only a baseline
    for (let i = 0; i < 10; i++) a.observeHandoff(260 + i);
    a.tick();
    expect(a.ratio).toBeCloseTo(50 / 260);
    // Prompt handoffs, but ACKs late over their usual: the later of the two decides.
    const b = new Admission({ targetMs: 50 });
    window(b, 20, 3);
    for (let w = 0; w < 3; w++) {
      b.observeHandoff(2);
      window(b, 20, 90);
    }
    expect(b.ratio).toBe(0.5);
  });

  it('is off with a target of 0: no timer, every call taken', () => {
    const a = new Admission({ targetMs: 0 });
    a.start();
    expect(a.admit()).toBe(true);
    a.stop();
  });
});
