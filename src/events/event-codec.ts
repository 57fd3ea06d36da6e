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

const iso = (v: unknown): string | null => (typeof v === 'number' ? new Date(v).toISOString() : null);

function withIsoTimes(o: unknown, keys: readonly string[]): unknown {
  if (!o || typeof o !== 'object') return o;
  const out: Record<string, unknown> = { ...(o as Record<string, unknown>) };
  for (const k of keys) if (k in out) out[k] = iso(out[k]);
  return out;
}

/** Parses a raw stream entry ([id, [field, value, ...]]); undefined when malformed. */
export function parseEntry([id, fields]: [string, string[]]): StoredEvent | undefined {
  const f: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i] as string] = fields[i + 1] as string;
  if (!f.t || !f.d) return undefined;
  try {
    return { id, type: f.t, sessionId: f.s ?? '', at: Number(f.at), body: JSON.parse(f.d) as Record<string, unknown> };
  } catch {
    return undefined;
  }
}

/** The public JSON of an event. `id` is the idempotency key receivers de-duplicate on. */
export function publicEvent(e: StoredEvent) {
  const { session, call, clientReference, metadata } = e.body;
  return {
    id: e.id,
    type: e.type,
    occurredAt: new Date(e.at).toISOString(),
    sessionId: e.sessionId,
    clientReference: clientReference ?? null,
    metadata: metadata ?? null,
    session: withIsoTimes(session, ['createdAt', 'expiresAt', 'endedAt']),
    ...(call ? { call: withIsoTimes(call, ['startedAt', 'ringingAt', 'answeredAt', 'endedAt']) } : {}),
  };
}

/** Where the event goes: the session's callbackUrl at the time of the event, if it had one. */
export function destinationOf(e: StoredEvent): string | undefined {
  const url = e.body.callbackUrl;
  return typeof url === 'string' && url ? url : undefined;
}
