import { describe, expect, it } from 'vitest';
import { LoadGuard } from '../../src/load-guard.js';
import { busyLoop } from '../helpers/busy-loop.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) return false;
    await sleep(20);
  }
  return true;
}

describe('load guard', () => {
  it('sheds while the event loop lags past the limit, and stops once it catches up', async () => {
    const changes: boolean[] = [];
    const guard = new LoadGuard({ maxLagMs: 60, onChange: (s) => changes.push(s) });
    guard.start();
    await sleep(300);
    expect(guard.overloaded).toBe(false);
    const stop = busyLoop(120);
    try {
      expect(await until(() => guard.overloaded, 3000)).toBe(true);
      expect(guard.lag).toBeGreaterThanOrEqual(60);
    } finally {
      stop();
    }
    expect(await until(() => !guard.overloaded, 2000)).toBe(true);
    expect(changes).toEqual([true, false]);
    guard.stop();
  });

  it('does not shed for one long pause', async () => {
    const changes: boolean[] = [];
    const guard = new LoadGuard({ maxLagMs: 60, onChange: (s) => changes.push(s) });
    guard.start();
    await sleep(200);
    const end = performance.now() + 200;
    while (performance.now() < end) {
      // one pause, as a major GC
    }
    await sleep(300);
    expect(changes).toEqual([]);
    guard.stop();
  });

  it('never starts when turned off (0)', async () => {
    const guard = new LoadGuard({ maxLagMs: 0 });
    guard.start();
    const stop = busyLoop(100);
    await sleep(600);
    stop();
    expect(guard.overloaded).toBe(false);
    guard.stop();
  });
});
