/**
 * Stored event (stream entry: `t`, `s`, `at`, `d`) → the public event a webhook
 * receiver or `GET /v1/events` sees. Times become ISO strings; the destination
 * (`callbackUrl`) stays internal.
 */

export interface StoredEvent {
  id: string;
  type: string;
  sessionId: string;
  at: number;
  body: Record<string, unknown>;
}

type Obj = Record<string, unknown>;

const iso = (v: unknown): string | null => (typeof v === 'number' ? new Date(v).toISOString() : null);
const orNull = (v: unknown): unknown => (v === undefined ? null : v);

/** Parses a raw stream entry ([id, [field, value, ...]]); undefined when malformed. */
export function parseEntry([id, fields]: [string, string[]]): StoredEvent | undefined {
  const f: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i] as string] = fields[i + 1] as string;
  if (!f.t || !f.d) return undefined;
  try {
    return { id, type: f.t, sessionId: f.s ?? '', at: Number(f.at), body: JSON.parse(f.d) as Obj };
  } catch {
    return undefined;
  }
}

/** The session as the event saw it; call events carry only its parties. */
function sessionOf(s: Obj | undefined) {
  if (!s) return null;
  const parties = { firstParty: { number: s.a, proxyNumber: s.va }, secondParty: { number: s.b, proxyNumber: s.vb } };
  if (s.st === undefined) return parties;
  return {
    status: s.st,
    poolId: s.pl,
    mode: s.md,
    ...parties,
    createdAt: iso(s.ca),
    expiresAt: iso(s.ea),
    endedAt: iso(s.en),
  };
}

function callOf(c: Obj) {
  return {
    id: c.id,
    direction: orNull(c.dir),
    virtualNumber: c.vn,
    state: c.state,
    startedAt: iso(c.st),
    ringingAt: iso(c.rg),
    answeredAt: iso(c.an),
    endedAt: iso(c.en),
    durationSeconds: c.dur ?? 0,
    sipStatus: orNull(c.sts),
    hungUpBy: orNull(c.hup),
    endReason: orNull(c.rsn),
    // request-a-call only: the participant rung first, and the leg a failure came from.
    ...(c.fl !== undefined ? { firstLeg: c.fl, failedLeg: orNull(c.flg) } : {}),
  };
}

function recordingOf(r: Obj) {
  return { id: orNull(r.id), status: r.st, url: orNull(r.url), durationSeconds: orNull(r.dur), reason: orNull(r.rsn) };
}

/** The public JSON of an event. `id` is the idempotency key receivers de-duplicate on. */
export function publicEvent(e: StoredEvent) {
  const b = e.body;
  return {
    id: e.id,
    type: e.type,
    occurredAt: new Date(e.at).toISOString(),
    sessionId: e.sessionId,
    clientReference: orNull(b.r),
    metadata: orNull(b.m),
    session: sessionOf(b.s as Obj | undefined),
    ...(b.c ? { call: callOf(b.c as Obj) } : {}),
    ...(b.rec ? { recording: recordingOf(b.rec as Obj) } : {}),
  };
}

/** Where the event goes: the session's callbackUrl at the time of the event, if it had one. */
export function destinationOf(e: StoredEvent): string | undefined {
  const url = e.body.cb;
  return typeof url === 'string' && url ? url : undefined;
}
