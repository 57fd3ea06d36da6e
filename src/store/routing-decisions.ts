/**
 * The routing callback's recent decisions, for operators: a capped stream (about
 * the last thousand), written after each decision, never in the way of the call.
 * Phone numbers are stored masked.
 */
import { ROUTING_DECISIONS_KEPT } from './keys.js';
import { guard, type StoreContext } from './context.js';

/** One decision as stored and listed. */
export interface RoutingDecisionRecord {
  /** Stream id (ordered). */
  id: string;
  callId: string;
  at: number;
  /** Why the call matched no open session: not_in_session, session_expired, session_closed. */
  reason: string;
  sessionId: string | null;
  /** What the callback answered; `default` when it failed or answered nothing usable. */
  action: 'dial' | 'play' | 'reject' | 'default';
  /** reject: the SIP status asked for. */
  sipStatus?: number;
  /** play: the prompt id. */
  prompt?: string;
  /** dial: the target and caller id, masked. */
  target?: string;
  callerId?: string;
  /** default: why (HTTP status, timeout, invalid answer). */
  why?: string;
  /** How long the callback took (ms). */
  ms: number;
}

type Entry = [string, string[]];

function parse([id, fields]: Entry): RoutingDecisionRecord | undefined {
  const f: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i] as string] = fields[i + 1] as string;
  if (!f.c || !f.a) return undefined;
  let details: Partial<RoutingDecisionRecord> = {};
  try {
    details = JSON.parse(f.d ?? '{}') as Partial<RoutingDecisionRecord>;
  } catch {
    // Unreadable details: the decision is still listed.
  }
  return {
    ...details,
    id,
    callId: f.c,
    at: Number(f.at),
    reason: f.r ?? '',
    sessionId: f.s || null,
    action: f.a as RoutingDecisionRecord['action'],
    ms: Number(f.ms ?? 0),
  };
}

/** Writes and reads the decision log. */
export class RoutingDecisionStore {
  constructor(private readonly ctx: StoreContext) {}

  /** Appends one decision (the log keeps about ROUTING_DECISIONS_KEPT). */
  async record(d: Omit<RoutingDecisionRecord, 'id'>): Promise<void> {
    const { callId, at, reason, sessionId, action, ms, ...details } = d;
    const { redis, keys } = this.ctx;
    await guard(() =>
      redis.xadd(keys.routingDecisions(), 'MAXLEN', '~', ROUTING_DECISIONS_KEPT, '*', 'c', callId, 'at', at, 'r', reason, 's', sessionId ?? '', 'a', action, 'ms', Math.round(ms), 'd', JSON.stringify(details)),
    );
  }

  /** The newest decisions first. */
  async recent(limit: number): Promise<RoutingDecisionRecord[]> {
    const { redis, keys } = this.ctx;
    const rows = await guard(() => redis.xrevrange(keys.routingDecisions(), '+', '-', 'COUNT', limit));
    return rows.map((r) => parse(r as Entry)).filter((d): d is RoutingDecisionRecord => d !== undefined);
  }
}
