/** Digest nonces Masq has accepted, so each serves once across every instance. */
import { guard, type StoreContext } from './context.js';

/** Digest nonces that have served, claimed once across instances. */
export class NonceStore {
  constructor(private readonly ctx: StoreContext) {}

  /**
   * Marks `nonce` used for `ttlMs` (its remaining life); false when it was used before.
   *
   * @throws StoreUnavailable while Redis is unreachable.
   */
  async claim(nonce: string, ttlMs: number): Promise<boolean> {
    const r = await guard(() => this.ctx.redis.set(this.ctx.keys.nonce(nonce), '1', 'PX', Math.max(1, ttlMs), 'NX'));
    return r === 'OK';
  }
}
