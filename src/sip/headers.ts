/**
 * Identity hygiene between the two legs. No header crosses: a phone or a carrier
 * may put a real number in From, To, Contact, P-Asserted-Identity,
 * P-Preferred-Identity, Remote-Party-ID, Diversion, History-Info, Referred-By,
 * Call-Info, User-Agent, Server, Subject, Reason text, X-anything. Each leg's
 * headers are built here from what Masq itself knows: virtual numbers, the
 * methods it relays, standard reason codes.
 */
import type { TrunkConfig } from '../config.js';
import type { Route } from '../masking/types.js';
import { e164ToTrunk } from './numbers.js';
import { offerHeaders } from './session-timer.js';

/** The methods Masq relays or answers inside a call; REFER, MESSAGE, SUBSCRIBE and NOTIFY are not among them. */
export const ALLOW = 'INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, INFO, PRACK';

/** Headers of every message Masq originates towards either party (INVITE, 18x, 200). */
export const OWN_HEADERS: Readonly<Record<string, string>> = Object.freeze({ Allow: ALLOW });

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
    ...OWN_HEADERS,
    ...(o.sendPai ? { 'P-Asserted-Identity': from } : {}),
  };
}

/**
 * A Reason header reduced to its protocol and cause (`SIP;cause=200`,
 * `Q.850;cause=16`): phones show "answered elsewhere" from it, while its free
 * `text` may name anybody. undefined when nothing standard is left.
 *
 * @example sanitizeReason('SIP;cause=200;text="Call answered by +14155550123"') // 'SIP;cause=200'
 */
export function sanitizeReason(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const first = value.split(',', 1)[0] as string;
  const proto = /^\s*(SIP|Q\.850)\s*(?=;)/i.exec(first);
  const cause = /;\s*cause\s*=\s*(\d{1,3})\s*(?=;|$)/i.exec(first);
  if (!proto || !cause) return undefined;
  return `${(proto[1] as string).toUpperCase() === 'SIP' ? 'SIP' : 'Q.850'};cause=${cause[1] as string}`;
}

/** Headers carrying a sanitised Reason, if the request had one worth keeping. */
export function reasonHeaders(reason: string | undefined): Record<string, string> {
  const r = sanitizeReason(reason);
  return r ? { Reason: r } : {};
}

/**
 * INFO bodies that cross: DTMF and video fast-update requests. Anything else
 * (vendor XML, free text) is refused with 415 rather than carried.
 */
const INFO_TYPES = new Set(['application/dtmf-relay', 'application/dtmf', 'audio/telephone-event', 'application/media_control+xml']);

/** The media type of a Content-Type value, lower-cased, without parameters. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
}

/** Whether an INFO with this Content-Type may be relayed (an empty INFO is a keep-alive: yes). */
export function infoRelayable(contentType: string | undefined, body: string | undefined): boolean {
  if (!body) return true;
  return INFO_TYPES.has(mediaType(contentType));
}

/** Whether a body is SDP. */
export function isSdp(contentType: string | undefined): boolean {
  return mediaType(contentType) === 'application/sdp';
}

/** Host part of the outbound URI template, used for the new leg's From/To. */
export function outboundHost(template: string): string {
  return /@([^:;>]+)/.exec(template)?.[1] ?? 'localhost';
}

/**
 * The outbound INVITE of a routed call: its Request-URI and every header Masq
 * puts on it (identity from virtual numbers, Allow, session timer offer).
 *
 * @example outboundRequest(route, config.sip.trunk, 1800).uri // 'sip:+12125550199@carrier.example'
 */
export function outboundRequest(route: Pick<Route, 'target' | 'callerId'>, trunk: TrunkConfig, sessionTimerS: number): { uri: string; headers: Record<string, string> } {
  return {
    uri: trunk.outboundUri.replace('{number}', e164ToTrunk(route.target, trunk.numbers)),
    headers: {
      ...outboundIdentity({
        callerIdUser: e164ToTrunk(route.callerId, trunk.numbers),
        targetUser: e164ToTrunk(route.target, trunk.numbers),
        host: outboundHost(trunk.outboundUri),
        sendPai: trunk.sendPai,
      }),
      ...(sessionTimerS > 0 ? offerHeaders(sessionTimerS) : {}),
    },
  };
}

/**
 * A Contact for Masq's own provisional responses (RFC 3261 §12.1.1: a 1xx that
 * creates an early dialog carries one; drachtio-server adds Contact only to
 * 2xx). It names the address the INVITE was sent to — its Request-URI's host,
 * which the sender can route to even when drachtio-server sits behind NAT —
 * and no user part, so no number.
 *
 * @example ownContact({ uri: 'sip:+12025550100@203.0.113.10:5060', protocol: 'udp' }) // '<sip:203.0.113.10:5060>'
 */
export function ownContact(req: { uri: string; protocol?: string; receivedOn?: string }): string {
  const scheme = /^sips:/i.test(req.uri) ? 'sips' : 'sip';
  const hostport = /^sips?:(?:[^@;>]*@)?([^;>?]+)/i.exec(req.uri)?.[1] ?? req.receivedOn ?? 'localhost';
  // The transport the sender named in the URI wins (ws, wss); else the one the INVITE came on.
  const named = /;transport=([a-z]+)/i.exec(req.uri)?.[1];
  const proto = named ?? req.protocol;
  const transport = proto && !/^udp$/i.test(proto) ? `;transport=${proto.toLowerCase()}` : '';
  return `<${scheme}:${hostport}${transport}>`;
}
