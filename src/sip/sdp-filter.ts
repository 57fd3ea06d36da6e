/**
 * SDP between the two legs, on an allow-list. Phones and carriers put identity
 * in SDP wherever they can: the origin's username, the session name, free-text
 * lines, and — in every WebRTC-era phone — `a=ssrc:… cname:sip:+1415…@host`,
 * `msid`, `label`, `a=tool:`. A deny-list always misses the next one, so only
 * what media negotiation needs crosses:
 *
 * - lines `v t r z b m c` unchanged; `o` and `s` rewritten; everything else dropped;
 * - attributes on ATTRIBUTES cross unchanged; `ssrc` (cname, msid, label, mslabel
 *   only), `msid`, `msid-semantic` and `label` cross with their identifiers
 *   replaced by per-call stand-ins; every other attribute is dropped;
 * - an address that is a host name carrying a long digit run (`+1415….example`)
 *   becomes the unspecified address.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { isIP } from 'node:net';

/** Attributes that carry only media negotiation; they cross unchanged. */
const ATTRIBUTES = new Set([
  'rtpmap', 'fmtp', 'ptime', 'maxptime', 'framerate', 'quality',
  'sendrecv', 'sendonly', 'recvonly', 'inactive',
  'rtcp', 'rtcp-mux', 'rtcp-rsize', 'rtcp-fb', 'rtcp-xr',
  'setup', 'connection', 'fingerprint', 'crypto', 'zrtp-hash',
  'ice-ufrag', 'ice-pwd', 'ice-options', 'ice-lite', 'candidate', 'remote-candidates', 'end-of-candidates',
  'mid', 'group', 'extmap', 'extmap-allow-mixed', 'ssrc-group', 'rid', 'simulcast',
  'sctp-port', 'sctpmap', 'max-message-size', 'silencesupp', 'direction', 'content',
  't38faxversion', 't38maxbitrate', 't38faxfillbitremoval', 't38faxtranscodingmmr', 't38faxtranscodingjbig',
  't38faxratemanagement', 't38faxmaxbuffer', 't38faxmaxdatagram', 't38faxudpec', 't38faxmaxifp', 't38faxudpecdepth',
  't38faxudpfecmaxspan', 't38modemtype', 't38vendorinfo',
]);

/** `a=ssrc:<id> <attr>:<value>` attributes that may cross, with the value replaced. */
const SSRC_IDENTITY = new Set(['cname', 'msid', 'label', 'mslabel']);

const LINES_AS_IS = new Set(['v', 't', 'r', 'z', 'b', 'm']);

// A host name with a phone number in it; an IP literal is only an address.
const NUMBERISH = /\d{5,}/;

// Tokens that carry only a short name (mid values are echoed by the answerer: they cannot be replaced).
const SAFE_TOKEN = /^[A-Za-z0-9_.-]{1,32}$/;

function safeAddress(host: string, family: string): string {
  if (isIP(host) || !NUMBERISH.test(host)) return host;
  return family === 'IP6' ? '::' : '0.0.0.0';
}

/**
 * Filters SDP bodies for one call. Stand-ins are stable within the call (the
 * same original always gets the same replacement), so a party's re-offers stay
 * one session and one set of streams; another call gets other stand-ins.
 *
 * @example new SdpFilter().filter(req.body)
 */
export class SdpFilter {
  private readonly standIns = new Map<string, string>();

  filter(sdp: string): string;
  filter(sdp: string | undefined): string | undefined;
  filter(sdp: string | undefined): string | undefined {
    if (!sdp) return sdp;
    const eol = sdp.includes('\r\n') ? '\r\n' : '\n';
    const out: string[] = [];
    for (const line of sdp.split(/\r?\n/)) {
      if (line.length < 2 || line[1] !== '=') {
        if (line === '') out.push(line);
        continue;
      }
      const kept = this.line(line[0] as string, line.slice(2));
      if (kept !== undefined) out.push(kept);
    }
    return out.join(eol);
  }

  private line(type: string, value: string): string | undefined {
    if (LINES_AS_IS.has(type)) return `${type}=${value}`;
    switch (type) {
      case 'o':
        return this.origin(value);
      case 's':
        return 's=-';
      case 'c':
        return `c=${this.connection(value)}`;
      case 'a':
        return this.attribute(value);
      default:
        // i u e p k and anything unknown: free text or keys, nothing media needs.
        return undefined;
    }
  }

  private origin(value: string): string {
    const parts = value.split(' ');
    if (parts.length !== 6) return 'o=- 0 0 IN IP4 0.0.0.0';
    const [, sessionId, version, net, family, host] = parts as [string, string, string, string, string, string];
    const v = /^\d{1,20}$/.test(version) ? version : '0';
    return `o=- ${this.standIn(`o:${sessionId}`, () => String(randomInt(1, 2 ** 47)))} ${v} ${net} ${family} ${safeAddress(host, family)}`;
  }

  private connection(value: string): string {
    const [net, family, addr] = value.split(' ');
    if (!net || !family || !addr) return 'IN IP4 0.0.0.0';
    const [host, ...ttl] = addr.split('/');
    return `${net} ${family} ${[safeAddress(host as string, family), ...ttl].join('/')}`;
  }

  private attribute(value: string): string | undefined {
    const colon = value.indexOf(':');
    const name = (colon < 0 ? value : value.slice(0, colon)).toLowerCase();
    const rest = colon < 0 ? '' : value.slice(colon + 1);
    if (ATTRIBUTES.has(name)) {
      if (name === 'mid' && !SAFE_TOKEN.test(rest.trim())) return undefined;
      if (name === 'rtcp') return `a=rtcp:${this.rtcpAddress(rest)}`;
      return `a=${value}`;
    }
    switch (name) {
      case 'ssrc':
        return this.ssrc(rest);
      case 'msid':
        return `a=msid:${rest
          .trim()
          .split(/\s+/)
          .map((id) => this.token(id))
          .join(' ')}`;
      case 'msid-semantic': {
        const [semantic, ...ids] = rest.trim().split(/\s+/);
        if (!semantic || !SAFE_TOKEN.test(semantic)) return undefined;
        return `a=msid-semantic: ${[semantic, ...ids.map((id) => (id === '*' ? id : this.token(id)))].join(' ')}`;
      }
      case 'label':
        return `a=label:${this.token(rest)}`;
      default:
        return undefined;
    }
  }

  /** `a=rtcp:<port> [IN IP4 <addr>]` */
  private rtcpAddress(rest: string): string {
    const [port, net, family, host] = rest.trim().split(/\s+/);
    if (!net || !family || !host) return port ?? '';
    return `${port} ${net} ${family} ${safeAddress(host, family)}`;
  }

  /** `a=ssrc:<id> <attribute>[:<value>]` — identity attributes get stand-ins, the rest is dropped. */
  private ssrc(rest: string): string | undefined {
    const m = /^(?<id>\d{1,10})\s+(?<attr>[A-Za-z-]+)(?::(?<val>.*))?$/.exec(rest.trim());
    const { id, attr, val } = m?.groups ?? {};
    if (id === undefined || attr === undefined) return undefined;
    if (!SSRC_IDENTITY.has(attr.toLowerCase())) return undefined;
    if (val === undefined) return `a=ssrc:${id} ${attr}`;
    const replaced = attr.toLowerCase() === 'msid' ? val.trim().split(/\s+/).map((t) => this.token(t)).join(' ') : this.token(val);
    return `a=ssrc:${id} ${attr}:${replaced}`;
  }

  private token(original: string): string {
    return this.standIn(`t:${original}`, () => randomBytes(12).toString('base64url'));
  }

  private standIn(original: string, make: () => string): string {
    let s = this.standIns.get(original);
    if (s === undefined) {
      // A call meets a handful of identifiers; the bound only guards a peer that
      // invents new ones with every re-offer.
      if (this.standIns.size >= 256) this.standIns.clear();
      s = make();
      this.standIns.set(original, s);
    }
    return s;
  }
}

/**
 * An answer that declines every stream of `offer` (each m= line with port 0,
 * RFC 3264 §6): what a party that offered in its 200 OK gets in the ACK when
 * the call it answered cannot be completed, just before the BYE.
 *
 * @example rejectingAnswer('v=0\r\n…m=audio 4000 RTP/AVP 0 8\r\n…') // '…m=audio 0 RTP/AVP 0\r\n'
 */
export function rejectingAnswer(offer: string): string {
  const lines = ['v=0', 'o=- 0 0 IN IP4 0.0.0.0', 's=-', 'c=IN IP4 0.0.0.0', 't=0 0'];
  for (const m of offer.split(/\r?\n/).filter((l) => l.startsWith('m='))) {
    const [media = 'audio', , proto = 'RTP/AVP', fmt = '0'] = m.slice(2).trim().split(/\s+/);
    lines.push(`m=${media} 0 ${proto} ${fmt}`);
  }
  if (lines.length === 5) lines.push('m=audio 0 RTP/AVP 0');
  return lines.join('\r\n') + '\r\n';
}

/**
 * An answer that accepts each stream of `offer` with its first format, inactive,
 * at no address: a party that answered a request-a-call waits on hold while the
 * other party is rung, in a confirmed dialog (so its hang-up is seen at once).
 */
export function holdingAnswer(offer: string, sessionId: string): string {
  const offered = offer.split(/\r?\n/);
  const lines = ['v=0', `o=- ${sessionId} 1 IN IP4 0.0.0.0`, 's=-', 'c=IN IP4 0.0.0.0', 't=0 0'];
  for (const m of offered.filter((l) => l.startsWith('m='))) {
    const [media = 'audio', , proto = 'RTP/AVP', fmt = '0'] = m.slice(2).trim().split(/\s+/);
    lines.push(`m=${media} 9 ${proto} ${fmt}`);
    const rtpmap = offered.find((l) => l.startsWith(`a=rtpmap:${fmt} `));
    if (rtpmap) lines.push(rtpmap);
    lines.push('a=inactive');
  }
  return lines.join('\r\n') + '\r\n';
}

/** `sdp` as the next offer of a session whose previous SDP had origin `sessionId` (RFC 3264 §8: same origin, a higher version). */
export function asNextOffer(sdp: string, sessionId: string, version: number): string {
  return sdp.replace(/^o=.*$/m, `o=- ${sessionId} ${version} IN IP4 0.0.0.0`);
}

/** Where a party receives media: the connection address and each stream's port, for telling whether it moved. */
export function mediaAddress(sdp: string | undefined): string {
  return (sdp ?? '')
    .split(/\r?\n/)
    .filter((l) => l.startsWith('c=') || l.startsWith('m='))
    .map((l) => (l.startsWith('m=') ? l.split(' ').slice(0, 2).join(' ') : l))
    .join('|');
}
