/**
 * SIP messages as a phone saw them on the wire, parsed just enough for tests to
 * assert on: start line, headers in order, body. Nothing here interprets SIP.
 */

/** One message a phone sent or received, exactly as it crossed the WebSocket. */
export interface SipMessage {
  dir: 'sent' | 'received';
  /** Milliseconds since the epoch, when the phone's connection handled it. */
  at: number;
  /** `INVITE sip:… SIP/2.0` or `SIP/2.0 180 Ringing`. */
  startLine: string;
  /** The request's method, or the method of the CSeq a response answers. */
  method: string;
  /** The status of a response; undefined for a request. */
  status: number | undefined;
  callId: string;
  /** Header fields in order, names as written. */
  headers: [name: string, value: string][];
  body: string;
  raw: string;
}

// RFC 3261 compact forms, so `header('Call-ID')` finds `i:` too.
const COMPACT: Record<string, string> = { i: 'call-id', f: 'from', t: 'to', v: 'via', m: 'contact', l: 'content-length', c: 'content-type', k: 'supported', s: 'subject', e: 'content-encoding' };

const canonical = (name: string) => {
  const n = name.toLowerCase();
  return COMPACT[n] ?? n;
};

/** Parses one SIP message (a whole WebSocket frame: RFC 7118 sends one message a frame). */
export function parseSipMessage(raw: string, dir: SipMessage['dir'], at = Date.now()): SipMessage {
  const split = raw.indexOf('\r\n\r\n');
  const head = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? '' : raw.slice(split + 4);
  const [startLine = '', ...lines] = head.split('\r\n');
  const headers: [string, string][] = [];
  for (const line of lines) {
    // A folded continuation line belongs to the header above it.
    const last = headers[headers.length - 1];
    if (/^[ \t]/.test(line) && last) last[1] += ` ${line.trim()}`;
    else {
      const colon = line.indexOf(':');
      if (colon > 0) headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
    }
  }
  const get = (name: string) => headers.find(([n]) => canonical(n) === name)?.[1] ?? '';
  const response = /^SIP\/2\.0 (\d{3})/.exec(startLine);
  return {
    dir,
    at,
    startLine,
    method: response ? (get('cseq').split(/\s+/)[1] ?? '') : (startLine.split(' ')[0] ?? ''),
    status: response ? Number(response[1]) : undefined,
    callId: get('call-id'),
    headers,
    body,
    raw,
  };
}

/** The value of a message's first header of that name (compact forms included), or undefined. */
export function header(m: SipMessage, name: string): string | undefined {
  const want = canonical(name);
  return m.headers.find(([n]) => canonical(n) === want)?.[1];
}

/** One line per message (`> INVITE sip:…` / `< SIP/2.0 200 OK`), for failure messages. */
export function summary(ms: readonly SipMessage[]): string {
  return ms.map((m) => `${m.dir === 'sent' ? '>' : '<'} ${m.startLine}`).join('\n');
}
