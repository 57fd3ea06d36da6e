/**
 * A session-description handler for sip.js in Node, where there is no WebRTC:
 * it offers and answers one static PCMU audio stream pointing at a UDP port the
 * test owns, and knows hold (a=sendonly / a=inactive) for re-INVITEs. DTMF goes
 * by INFO (see PhoneCall.dtmf), so sendDtmf declines.
 *
 * Like a real softphone it writes its own identity into the SDP (the origin's
 * username, the session name, an `a=ssrc … cname:sip:<number>@host` line, a
 * tool line), so a test can see whether any of it reaches the other party.
 */
import type { BodyAndContentType, SessionDescriptionHandler, SessionDescriptionHandlerOptions } from 'sip.js';

/** An SDP media direction attribute. */
export type Direction = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

/** Options a phone passes for an offer: hold as sendonly (the usual) or inactive. */
export interface StaticSdhOptions extends SessionDescriptionHandlerOptions {
  hold?: boolean | 'inactive';
}

/** Where the phone's media is and who it says it is. */
export interface StaticMedia {
  /** The phone's number, written into o=, s= and the ssrc cname like a real phone does. */
  number: string;
  rtpPort: number;
}

/** The direction an answerer takes, given what it wants and what it was offered (RFC 3264 §6.1). */
export function answerDirection(wanted: Direction, offered: Direction): Direction {
  const canSend = (wanted === 'sendrecv' || wanted === 'sendonly') && (offered === 'sendrecv' || offered === 'recvonly');
  const canRecv = (wanted === 'sendrecv' || wanted === 'recvonly') && (offered === 'sendrecv' || offered === 'sendonly');
  return canSend && canRecv ? 'sendrecv' : canSend ? 'sendonly' : canRecv ? 'recvonly' : 'inactive';
}

/** The audio direction an SDP body states (media level first, then session level; sendrecv when none). */
export function sdpDirection(sdp: string): Direction {
  const found = sdp.match(/^a=(sendrecv|sendonly|recvonly|inactive)\s*$/gm);
  const last = found?.[found.length - 1]?.slice(2).trim();
  return (last as Direction | undefined) ?? 'sendrecv';
}

/** The static SDP body: PCMU and telephone-event on 127.0.0.1:`rtpPort`. */
export function staticSdp(media: StaticMedia, sessionId: number, version: number, direction: Direction): string {
  const ssrc = 0x10000000 + (sessionId % 0x0fffffff);
  return [
    'v=0',
    `o=${media.number} ${sessionId} ${version} IN IP4 127.0.0.1`,
    `s=${media.number}`,
    'c=IN IP4 127.0.0.1',
    't=0 0',
    `m=audio ${media.rtpPort} RTP/AVP 0 101`,
    'a=rtpmap:0 PCMU/8000',
    'a=rtpmap:101 telephone-event/8000',
    'a=fmtp:101 0-16',
    'a=ptime:20',
    `a=ssrc:${ssrc} cname:sip:${media.number}@127.0.0.1`,
    'a=tool:masq-test-phone',
    `a=${direction}`,
    '',
  ].join('\r\n');
}

/**
 * One call's SDP state. sip.js calls getDescription then setDescription when this
 * side offers, and setDescription then getDescription when it answers.
 */
export class StaticSdh implements SessionDescriptionHandler {
  /** Every remote SDP set on this handler, in order. */
  readonly remote: string[] = [];
  private readonly sessionId = Math.floor(Math.random() * 1e9);
  private version = 0;
  private offerPending = false;
  private awaitingAnswer = false;
  private wanted: Direction = 'sendrecv';

  constructor(private readonly media: StaticMedia) {}

  /** The remote party's last direction (its offer or answer). */
  get remoteDirection(): Direction | undefined {
    const last = this.remote[this.remote.length - 1];
    return last === undefined ? undefined : sdpDirection(last);
  }

  close(): void {
    this.offerPending = false;
  }

  getDescription(options?: StaticSdhOptions): Promise<BodyAndContentType> {
    let direction: Direction;
    if (this.offerPending) {
      // Answering: keep our own hold state, agree to theirs.
      this.offerPending = false;
      direction = answerDirection(this.wanted, this.remoteDirection ?? 'sendrecv');
    } else {
      this.wanted = options?.hold === 'inactive' ? 'inactive' : options?.hold ? 'sendonly' : 'sendrecv';
      this.awaitingAnswer = true;
      direction = this.wanted;
    }
    return Promise.resolve({ body: staticSdp(this.media, this.sessionId, this.version++, direction), contentType: 'application/sdp' });
  }

  hasDescription(contentType: string): boolean {
    return contentType.toLowerCase() === 'application/sdp';
  }

  setDescription(sdp: string): Promise<void> {
    if (!/^m=audio /m.test(sdp)) return Promise.reject(new Error('no audio stream in the SDP'));
    this.remote.push(sdp);
    if (this.awaitingAnswer) this.awaitingAnswer = false;
    else this.offerPending = true;
    return Promise.resolve();
  }

  sendDtmf(): boolean {
    return false;
  }
}
