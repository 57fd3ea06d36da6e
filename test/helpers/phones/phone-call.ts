/**
 * One call of a test phone, either way: what happened to it (ringing, answered,
 * ended and by whom) and what the test can do in it (hang up, hold, resume,
 * DTMF by INFO). Wraps a sip.js Inviter (outgoing) or Invitation (incoming).
 */
import { Invitation, Inviter, SessionState, type Core, type Session } from 'sip.js';
import type { SipMessage } from './sip-message.js';
import { sdpDirection, type Direction, type StaticSdh, type StaticSdhOptions } from './static-sdh.js';

/** Where a call is; 'ended' is final whatever came before. */
export type CallState = 'calling' | 'ringing' | 'answered' | 'ended';

const ORDER: CallState[] = ['calling', 'ringing', 'answered', 'ended'];

/** How a call ended: which side, by which means, with which final status when there was one. */
export interface CallEnd {
  by: 'local' | 'remote';
  how: 'bye' | 'cancel' | 'rejected' | 'failed';
  status?: number;
}

/** One DTMF digit (or any INFO) the phone received. */
export interface ReceivedInfo {
  contentType: string;
  body: string;
}

/**
 * A call as the phone sees it. The phone bank creates these (`phone.call()`,
 * `phone.nextCall()`); tests read their state and act through them.
 *
 * @example
 * const out = alice.call(virtualNumber);
 * await out.waitFor('answered');
 * expect(await out.hold()).toBe(200);
 * await out.hangUp();
 */
export class PhoneCall {
  readonly direction: 'outgoing' | 'incoming';
  readonly callId: string;
  /** INFO bodies received in this call, in order. */
  readonly infos: ReceivedInfo[] = [];
  /** Resolves when the call ends, however it ends. */
  readonly ended: Promise<CallEnd>;
  private current: CallState = 'calling';
  private end: CallEnd | undefined;
  private settle!: (e: CallEnd) => void;
  private readonly waiters: { state: CallState; resolve: () => void }[] = [];

  constructor(
    readonly session: Inviter | Invitation,
    private readonly phoneMessages: () => readonly SipMessage[],
  ) {
    this.direction = session instanceof Inviter ? 'outgoing' : 'incoming';
    this.callId = session.request.callId;
    this.ended = new Promise((r) => (this.settle = r));
    session.delegate = {
      onBye: (bye) => {
        this.finish({ by: 'remote', how: 'bye' });
        void bye.accept();
      },
      onInfo: (info) => {
        this.infos.push({ contentType: info.request.getHeader('Content-Type') ?? '', body: info.request.body });
        void info.accept();
      },
      onCancel: () => this.finish({ by: 'remote', how: 'cancel' }),
    };
    session.stateChange.addListener((s) => {
      if (s === SessionState.Established) this.set('answered');
      // Terminated without a cause seen above: a failure (e.g. a transaction timeout).
      if (s === SessionState.Terminated) this.finish({ by: 'remote', how: 'failed' });
    });
  }

  get state(): CallState {
    return this.current;
  }

  /** How the call ended, once it has. */
  get result(): CallEnd | undefined {
    return this.end;
  }

  /** Every message of this call (by Call-ID) the phone sent or received. */
  messages(): SipMessage[] {
    return this.phoneMessages().filter((m) => m.callId === this.callId);
  }

  /** Every SDP the other side sent in this call, in order. */
  remoteSdps(): string[] {
    return (this.session.sessionDescriptionHandler as StaticSdh | undefined)?.remote.slice() ?? [];
  }

  /** The direction of the other side's latest SDP. */
  remoteDirection(): Direction | undefined {
    const last = this.remoteSdps().pop();
    return last === undefined ? undefined : sdpDirection(last);
  }

  /** Resolves once the call reaches `state` (at once if it has; 'ended' counts as reaching every later state). */
  waitFor(state: CallState, ms = 10_000): Promise<void> {
    if (ORDER.indexOf(this.current) >= ORDER.indexOf(state)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`call ${this.callId} did not reach ${state} in ${ms} ms (it is ${this.current})`)), ms);
      this.waiters.push({ state, resolve: () => (clearTimeout(t), resolve()) });
    });
  }

  /**
   * Ends the call from this side the way a phone would: CANCEL while an outgoing
   * call rings, 603 to an incoming call not yet answered, BYE once answered.
   */
  async hangUp(): Promise<void> {
    if (this.current === 'ended') return;
    const s = this.session;
    // Recorded before sending: the answer (a 487 to our INVITE) may come back first.
    if (s.state === SessionState.Established) {
      this.finish({ by: 'local', how: 'bye' });
      await s.bye();
    } else if (s instanceof Inviter) {
      this.finish({ by: 'local', how: 'cancel' });
      await s.cancel();
    } else {
      this.finish({ by: 'local', how: 'rejected', status: 603 });
      await s.reject({ statusCode: 603 });
    }
  }

  /** Puts the other party on hold with a re-INVITE (a=sendonly, or a=inactive); resolves with its final status. */
  hold(mode: 'sendonly' | 'inactive' = 'sendonly'): Promise<number> {
    return this.reinvite({ hold: mode === 'inactive' ? 'inactive' : true });
  }

  /** Takes the other party off hold (re-INVITE with a=sendrecv); resolves with its final status. */
  resume(): Promise<number> {
    return this.reinvite({ hold: false });
  }

  /** Sends one DTMF digit by INFO (application/dtmf-relay); resolves with the final status. */
  dtmf(digit: string, durationMs = 160): Promise<number> {
    return new Promise((resolve, reject) => {
      this.session
        .info({
          requestDelegate: { onAccept: (r) => resolve(status(r)), onReject: (r) => resolve(status(r)) },
          requestOptions: { body: { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: `Signal=${digit}\r\nDuration=${durationMs}\r\n` } },
        })
        .catch(reject);
    });
  }

  /** @internal The phone reports ringing / answer / rejection it saw. */
  set(state: CallState): void {
    if (this.current === 'ended') return;
    this.current = state;
    const reached = this.waiters.filter((w) => ORDER.indexOf(w.state) <= ORDER.indexOf(state));
    for (const w of reached) {
      this.waiters.splice(this.waiters.indexOf(w), 1);
      w.resolve();
    }
  }

  /** @internal Records the first cause of the end; later ones are the same end seen again. */
  finish(e: CallEnd): void {
    if (this.end) return;
    this.end = e;
    this.set('ended');
    this.settle(e);
  }

  private reinvite(options: StaticSdhOptions): Promise<number> {
    const s: Session = this.session;
    return new Promise((resolve, reject) => {
      s.invite({
        sessionDescriptionHandlerOptions: options,
        requestDelegate: { onAccept: (r) => resolve(status(r)), onReject: (r) => resolve(status(r)) },
      }).catch(reject);
    });
  }
}

const status = (r: Core.IncomingResponse) => r.message.statusCode ?? 0;
