/**
 * Out-of-session routing (Infobip's call-routing callback, Twilio's out-of-session
 * callback): a call that reaches a virtual number but matches no open session asks
 * the customer's endpoint what to do. Signed like webhooks; bounded in time; an
 * answer that does not validate is logged and the default applies.
 */
import { z } from 'zod';
import type { CountryCode } from 'libphonenumber-js';
import type { Logger } from '../logger.js';
import { parseNumber } from '../masking/e164.js';
import { SIGNATURE_HEADER, signatureHeader } from '../webhooks/signing.js';

const REJECT_STATUSES = [403, 404, 410, 480, 486, 503, 603] as const;

/** What the endpoint may answer. */
export const routingAnswerSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('reject'), sipStatus: z.union(REJECT_STATUSES.map((s) => z.literal(s))).optional() }),
  z.strictObject({ action: z.literal('play'), prompt: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'a prompt id') }),
  z.strictObject({ action: z.literal('dial'), target: z.string().max(32), callerId: z.string().max(32) }),
]);

export type RoutingDecision =
  /** `why`: what went wrong (an HTTP status, a timeout, an invalid answer), for the decision log. */
  | { action: 'default'; why?: string }
  | { action: 'reject'; sipStatus?: number }
  | { action: 'play'; prompt: string }
  | { action: 'dial'; target: string; callerId: string };

export interface RoutingRequest {
  correlationId: string;
  from: string;
  to: string;
  /** Why no session matched: not_in_session, session_expired, session_closed. */
  reason: string;
  sessionId: string | null;
}

export interface RoutingCallback {
  decide(req: RoutingRequest, log: Logger): Promise<RoutingDecision>;
}

/** The client for the customer's routing endpoint: a signed POST, its answer validated, bounded in time. */
export function createRoutingCallback(opts: { url: string; secret: string | undefined; timeoutMs: number; defaultRegion: CountryCode }): RoutingCallback {
  return {
    async decide(req, log) {
      const body = JSON.stringify({ ...req, occurredAt: new Date().toISOString() });
      const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'masq-routing' };
      if (opts.secret) headers[SIGNATURE_HEADER] = signatureHeader(opts.secret, body);
      let raw: unknown;
      try {
        const res = await fetch(opts.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(opts.timeoutMs), redirect: 'manual' });
        if (res.status < 200 || res.status >= 300) {
          await res.body?.cancel();
          log.warn({ status: res.status }, 'routing callback answered an error: default applies');
          return { action: 'default', why: `HTTP ${res.status}` };
        }
        raw = await res.json();
      } catch (err) {
        const timeout = (err as Error).name === 'TimeoutError';
        const why = timeout ? `no answer in ${opts.timeoutMs} ms` : (err as Error).message;
        log.warn({ error: why }, 'routing callback failed: default applies');
        return { action: 'default', why };
      }
      const parsed = routingAnswerSchema.safeParse(raw);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
        log.warn({ issues }, 'routing callback answer invalid: default applies');
        return { action: 'default', why: `invalid answer (${issues.join('; ')})` };
      }
      const a = parsed.data;
      if (a.action !== 'dial') return a;
      const target = parseNumber(a.target, opts.defaultRegion)?.e164;
      const callerId = parseNumber(a.callerId, opts.defaultRegion)?.e164;
      if (!target || !callerId) {
        log.warn('routing callback dial answer has an invalid number: default applies');
        return { action: 'default', why: 'dial answer with an invalid number' };
      }
      return { action: 'dial', target, callerId };
    },
  };
}
