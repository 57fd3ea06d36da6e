/**
 * The SDP of one call on its way between the legs: always through the call's
 * allow-list filter, and — when media anchoring is on — through rtpengine, which
 * puts its own addresses in and carries the media itself. Every path that moves
 * SDP (setup, provisional responses, late offer, re-INVITE, UPDATE) goes
 * through offer() or answer() here.
 */
import type { MediaAnchor, Side } from '../media/rtpengine.js';
import { SdpFilter } from './sdp-filter.js';

/** One call's SDP path: the allow-list filter, then rtpengine when media is anchored. */
export class CallMedia {
  private readonly filter = new SdpFilter();
  private used = false;

  constructor(
    private readonly callId: string,
    private readonly anchor: MediaAnchor | undefined,
  ) {}

  /** Whether rtpengine carries this call's media. */
  get anchored(): boolean {
    return this.anchor !== undefined;
  }

  /** An offer from `from`, fit for the other party; empty stays empty. */
  async offer(from: Side, sdp: string | undefined): Promise<string> {
    const clean = sdp ? this.filter.filter(sdp) : '';
    if (!clean || !this.anchor) return clean;
    this.used = true;
    return this.anchor.offer(this.callId, from, clean);
  }

  /** An answer from `from`, fit for the offerer; empty stays empty. */
  async answer(from: Side, sdp: string | undefined): Promise<string> {
    const clean = sdp ? this.filter.filter(sdp) : '';
    if (!clean || !this.anchor) return clean;
    return this.anchor.answer(this.callId, from, clean);
  }

  /** Frees anchored media; safe to call twice. */
  async release(): Promise<void> {
    if (!this.anchor || !this.used) return;
    this.used = false;
    await this.anchor.release(this.callId);
  }
}
