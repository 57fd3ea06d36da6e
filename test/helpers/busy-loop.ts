/** Keeps this process' event loop busy (as a saturated CPU would), until stopped. */
import { performance } from 'node:perf_hooks';

/**
 * Blocks the loop `busyMs` out of every `busyMs + 10` ms.
 *
 * @example const stop = busyLoop(120); … stop();
 */
export function busyLoop(busyMs: number): () => void {
  const timer = setInterval(() => {
    const end = performance.now() + busyMs;
    while (performance.now() < end) {
      // burn
    }
  }, 10);
  return () => clearInterval(timer);
}
