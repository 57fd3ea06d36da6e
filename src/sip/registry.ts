/** The calls this instance is handling now (for drain and metrics). */
/** What the registry needs of a call, direct or through a media server. */
export interface LiveCall {
  readonly id: string;
  /** Ends the call for shutdown; resolves once it has ended. */
  shutdown(): Promise<void>;
  /** The drachtio-server (its application object) the call's SIP dialogs live on. */
  readonly frontEnd: object;
  /** That drachtio-server is gone: ends the call, recording why; resolves once it has ended. */
  frontEndLost(): Promise<void>;
}

/** The live calls of this instance, by id; drain waits for it to empty. */
export class CallRegistry {
  private readonly calls = new Map<string, LiveCall>();
  private waiters: (() => void)[] = [];

  add(call: LiveCall): void {
    this.calls.set(call.id, call);
  }

  remove(call: LiveCall): void {
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

  all(): LiveCall[] {
    return [...this.calls.values()];
  }
}
