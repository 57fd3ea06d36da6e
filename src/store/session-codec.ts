/**
 * Session hash encoding. Field names are short and absent options are not
 * stored, because the session hash is most of the memory an open session costs.
 *
 * | field | meaning                 | field | meaning                      |
 * |-------|-------------------------|-------|------------------------------|
 * | (key) | session id              | rec   | record ('1' when on)         |
 * | pl    | pool id                 | rt    | ring timeout (s)             |
 * | md    | mode                    | tl    | call time limit (s)          |
 * | a, b  | first / second party    | an    | announcements (JSON)         |
 * | va,vb | their proxy numbers     | rch,rpo | recording channels, policy |
 * | st    | status                  | cb    | callback URL                 |
 * | ca    | created at (ms)         | meta  | metadata (JSON)              |
 * | ea    | expires at (ms)         | ref   | client reference             |
 * | en    | closed/expired at (ms)  | icf   | initiate call to first party |
 * | up    | updated at (ms)         | cc,td | call count, total duration s |
 * | lc,li | last call / interaction | ev    | id of its latest event       |
 * | evf   | callbackEvents filter: event codes (event-types.ts), comma-separated; absent = all |
 */
import type { Announcements, RecordingChannels, RecordingPolicy, Session, SessionMode, SessionOptions, SessionStatus } from '../masking/types.js';
import { decodeEventFilter, encodeEventFilter } from '../masking/event-types.js';

/** Options as a PATCH may give them: undefined = keep, null = remove. */
export type OptionChanges = {
  [K in keyof SessionOptions]?: SessionOptions[K] | null;
};

type Encoded = { set: string[]; del: string[] };

function put(out: Encoded, field: string, value: string | number | boolean | null | undefined): void {
  if (value === undefined) return;
  if (value === null || value === false) out.del.push(field);
  else out.set.push(field, value === true ? '1' : String(value));
}

/**
 * Encodes option changes as HSET pairs and HDEL fields.
 *
 * @example encodeOptions({ record: true, metadata: null }) // { set: ['rec','1'], del: ['meta'] }
 */
export function encodeOptions(o: OptionChanges): Encoded {
  const out: Encoded = { set: [], del: [] };
  put(out, 'rec', o.record);
  put(out, 'rt', o.ringTimeoutSeconds);
  put(out, 'tl', o.callTimeLimitSeconds);
  put(out, 'rch', o.recordingChannels);
  put(out, 'rpo', o.recordingPolicy);
  if (o.announcements !== undefined) {
    const set = o.announcements === null ? {} : o.announcements;
    put(out, 'an', Object.keys(set).length ? JSON.stringify(set) : null);
  }
  put(out, 'cb', o.callbackUrl);
  put(out, 'evf', o.callbackEvents === undefined || o.callbackEvents === null ? o.callbackEvents : encodeEventFilter(o.callbackEvents));
  put(out, 'meta', o.metadata === undefined || o.metadata === null ? o.metadata : JSON.stringify(o.metadata));
  put(out, 'ref', o.clientReference);
  put(out, 'icf', o.initiateCallToFirstParty);
  return out;
}

function num(v: string | undefined): number | undefined {
  return v === undefined ? undefined : Number(v);
}

/** Decodes a session hash (as HGETALL returns it); undefined for an empty hash. */
export function decodeSession(id: string, h: Record<string, string>): Session | undefined {
  if (!h.st) return undefined;
  const announcements = h.an ? (JSON.parse(h.an) as Announcements) : undefined;
  return {
    id,
    status: h.st as SessionStatus,
    poolId: h.pl ?? '',
    mode: (h.md ?? 'shared') as SessionMode,
    firstParty: { number: h.a ?? '', proxyNumber: h.va ?? '' },
    secondParty: { number: h.b ?? '', proxyNumber: h.vb ?? '' },
    createdAt: Number(h.ca),
    expiresAt: Number(h.ea),
    updatedAt: num(h.up) ?? null,
    endedAt: num(h.en) ?? null,
    record: h.rec === '1',
    ...(h.rch ? { recordingChannels: h.rch as RecordingChannels } : {}),
    ...(h.rpo ? { recordingPolicy: h.rpo as RecordingPolicy } : {}),
    ...(h.rt ? { ringTimeoutSeconds: Number(h.rt) } : {}),
    ...(h.tl ? { callTimeLimitSeconds: Number(h.tl) } : {}),
    ...(announcements ? { announcements } : {}),
    ...(h.cb ? { callbackUrl: h.cb } : {}),
    ...(h.evf !== undefined ? { callbackEvents: decodeEventFilter(h.evf) } : {}),
    ...(h.meta ? { metadata: JSON.parse(h.meta) as Record<string, unknown> } : {}),
    ...(h.ref ? { clientReference: h.ref } : {}),
    initiateCallToFirstParty: h.icf === '1',
    stats: {
      callCount: num(h.cc) ?? 0,
      totalDurationSeconds: num(h.td) ?? 0,
      lastCallAt: num(h.lc) ?? null,
      lastInteractionAt: num(h.li) ?? null,
    },
  };
}
