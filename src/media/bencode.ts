/** Bencode, the encoding of rtpengine's ng control protocol: strings, integers, lists, dictionaries. */

export type BValue = string | number | BValue[] | { [key: string]: BValue };

/**
 * @example encode({ command: 'ping' }) // 'd7:command4:pinge'
 */
export function encode(v: BValue): string {
  if (typeof v === 'string') return `${Buffer.byteLength(v)}:${v}`;
  if (typeof v === 'number') return `i${Math.trunc(v)}e`;
  if (Array.isArray(v)) return `l${v.map(encode).join('')}e`;
  const keys = Object.keys(v).sort();
  return `d${keys.map((k) => encode(k) + encode(v[k] as BValue)).join('')}e`;
}

/** Decodes one bencoded value; throws on malformed input. */
export function decode(input: Buffer | string): BValue {
  const buf = typeof input === 'string' ? Buffer.from(input) : input;
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`bencode: ${why} at ${i}`);
  };
  const value = (): BValue => {
    const c = buf[i];
    if (c === undefined) return fail('unexpected end');
    if (c === 0x69) {
      const end = buf.indexOf(0x65, i);
      if (end < 0) fail('unterminated integer');
      const n = Number(buf.subarray(i + 1, end).toString());
      if (!Number.isFinite(n)) fail('bad integer');
      i = end + 1;
      return n;
    }
    if (c === 0x6c || c === 0x64) {
      i++;
      const list: BValue[] = [];
      const dict: Record<string, BValue> = {};
      while (buf[i] !== 0x65) {
        if (i >= buf.length) fail('unterminated container');
        if (c === 0x6c) list.push(value());
        else {
          const k = value();
          if (typeof k !== 'string') fail('dictionary key is not a string');
          dict[k as string] = value();
        }
      }
      i++;
      return c === 0x6c ? list : dict;
    }
    const colon = buf.indexOf(0x3a, i);
    if (colon < 0) fail('bad string');
    const len = Number(buf.subarray(i, colon).toString());
    if (!Number.isInteger(len) || len < 0) fail('bad string length');
    const s = buf.subarray(colon + 1, colon + 1 + len).toString();
    i = colon + 1 + len;
    return s;
  };
  const v = value();
  if (i !== buf.length) fail('trailing data');
  return v;
}
