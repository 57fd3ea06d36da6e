/** The calls this instance is handling now (for drain and metrics). */
import type { CallSession } from './call-session.js';

/** The live calls of this instance, by id; drain waits for it to empty. */
export class CallRegistry {
  private readonly calls = new Map<string, CallSession>();
  private waiters: (() => void)[] = [];

  add(call: CallSession): void {
    this.calls.set(call.id, call);
  }

  remove(call: CallSession): void {
    this.calls.delete(call.id);
    if (this.calls.size === 0) {
      for (const w of this.waiters.splice(0)) w();
    }
  }

  get size(): number {
    return this.calls.size;
  }

  /** Resolves when no call is left, or after `ms`; returns whether it emptied. */
  async emptied(ms: number): Promise<boolean> {
    if (this.calls.size === 0) return true;
    return new Promise((resolve) => {
      const t = setTimeout(() => resolve(false), ms);
      this.waiters.push(() => {
        clearTimeout(t);
        resolve(true);
      });
    });
  }

  all(): CallSession[] {
    return [...this.calls.values()];
  }
}
