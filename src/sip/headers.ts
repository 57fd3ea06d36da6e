/**
 * Identity hygiene between the two legs. Nothing crosses unless it is on an
 * allow-list: a phone or a carrier may put a real number in From, To, Contact,
 * P-Asserted-Identity, P-Preferred-Identity, Remote-Party-ID, Diversion,
 * History-Info, Referred-By, Call-Info, User-Agent, X-anything — and in the SDP.
 * The new leg's identity headers are built from scratch from virtual numbers.
 */
import { randomInt } from 'node:crypto';

/** Request headers copied from the caller's INVITE to the callee's (beyond what drachtio builds itself). */
export const REQUEST_HEADERS_TO_CALLEE: readonly string[] = ['Allow'];

/** Response headers copied from the callee's 18x/200 to the caller's. */
export const RESPONSE_HEADERS_TO_CALLER: readonly string[] = ['Allow'];

/** Headers of an in-dialog INFO (e.g. DTMF) that cross. */
export const INFO_HEADERS: readonly string[] = ['Content-Type'];

/**
 * Identity headers of the outbound INVITE.
 *
 * @example outboundIdentity({ callerIdUser: '+12025550100', targetUser: '+14155550123', host: 'carrier.example', sendPai: true })
 */
export function outboundIdentity(o: { callerIdUser: string; targetUser: string; host: string; sendPai: boolean }): Record<string, string> {
  const from = `<sip:${o.callerIdUser}@${o.host}>`;
  return {
    From: from,
    To: `<sip:${o.targetUser}@${o.host}>`,
    ...(o.sendPai ? { 'P-Asserted-Identity': from } : {}),
  };
}

// SDP lines that are free text about the session or a person: i (information),
// u (URI), e (email), p (phone number). They carry nothing media needs.
const DROPPED_SDP_LINES = /^[iuep]=/;

/**
 * Removes identities from SDP bodies: the origin's username and session id, the
 * session name, and i=/u=/e=/p= lines. Media lines are untouched. One per call:
 * each session id it meets gets a random stand-in, and the same id always gets the
 * same one, so a party's re-offers (same id, higher version) stay one session.
 *
 * @example new SdpScrubber().scrub('v=0\r\no=+14155550123 1 1 IN IP4 10.0.0.1\r\ns=+14155550123\r\n...')
 */
export class SdpScrubber {
  private readonly standIns = new Map<string, string>();

  scrub(sdp: string): string;
  scrub(sdp: string | undefined): string | undefined;
  scrub(sdp: string | undefined): string | undefined {
    if (!sdp) return sdp;
    const eol = sdp.includes('\r\n') ? '\r\n' : '\n';
    const out: string[] = [];
    for (const line of sdp.split(/\r?\n/)) {
      if (DROPPED_SDP_LINES.test(line)) continue;
      if (line.startsWith('o=')) out.push(this.origin(line));
      else if (line.startsWith('s=')) out.push('s=-');
      else out.push(line);
    }
    return out.join(eol);
  }

  private origin(line: string): string {
    const parts = line.slice(2).split(' ');
    if (parts.length < 6) return 'o=- 0 0 IN IP4 0.0.0.0';
    parts[0] = '-';
    parts[1] = this.standIn(parts[1] as string);
    return `o=${parts.join(' ')}`;
  }

  private standIn(id: string): string {
    let s = this.standIns.get(id);
    if (s === undefined) {
      // A call meets two or three ids at most; the bound only guards a peer that
      // sends a new one with every re-offer.
      if (this.standIns.size >= 64) this.standIns.clear();
      s = String(randomInt(1, 2 ** 47));
      this.standIns.set(id, s);
    }
    return s;
  }
}
