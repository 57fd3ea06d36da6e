/**
 * Identity hygiene between the two legs. Nothing crosses unless it is on an
 * allow-list: a phone or a carrier may put a real number in From, To, Contact,
 * P-Asserted-Identity, P-Preferred-Identity, Remote-Party-ID, Diversion,
 * History-Info, Referred-By, Call-Info, User-Agent, X-anything — and in the SDP.
 * The new leg's identity headers are built from scratch from virtual numbers.
 */
import { createHash } from 'node:crypto';

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

/** Replaces an SDP session id by a stable stand-in (same input → same output across re-INVITEs). */
function maskSessionId(id: string): string {
  const h = createHash('sha256').update(`masq-sdp:${id}`).digest();
  return String(h.readUIntBE(0, 6));
}

/**
 * Removes identities from an SDP body: the origin's username and session id, the
 * session name, and i=/u=/e=/p= lines. Media lines are untouched.
 *
 * @example sanitizeSdp('v=0\r\no=+14155550123 1 1 IN IP4 10.0.0.1\r\ns=+14155550123\r\n...')
 */
export function sanitizeSdp(sdp: string): string;
export function sanitizeSdp(sdp: string | undefined): string | undefined;
export function sanitizeSdp(sdp: string | undefined): string | undefined {
  if (!sdp) return sdp;
  const eol = sdp.includes('\r\n') ? '\r\n' : '\n';
  return sdp
    .split(/\r?\n/)
    .filter((line) => !DROPPED_SDP_LINES.test(line))
    .map((line) => {
      if (line.startsWith('o=')) {
        const parts = line.slice(2).split(' ');
        if (parts.length >= 6) {
          parts[0] = '-';
          parts[1] = maskSessionId(parts[1] as string);
          return `o=${parts.join(' ')}`;
        }
        return 'o=- 0 0 IN IP4 0.0.0.0';
      }
      if (line.startsWith('s=')) return 's=-';
      return line;
    })
    .join(eol);
}
