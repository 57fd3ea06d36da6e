/**
 * How a call that cannot be connected is turned away. Today: a SIP final
 * response with the catalog's status. This is the seam for announcements: the
 * media layer supplies its own RejectCall that answers, plays the prompt for the
 * error's code (not_in_session, session_expired, …), hangs up — and falls back to
 * this one when the media server is unavailable.
 */
import type Srf from 'drachtio-srf';
import type { MasqError } from '../errors.js';
import type { CallRequest } from './middleware/types.js';
import { reasonFor } from './reasons.js';

/** Turns a call away for `err`; `promptId`, when given, is the prompt to play instead of the situation's. */
export type RejectCall = (req: CallRequest, res: Srf.SrfResponse, err: MasqError, promptId?: string) => void;

/** Sends a final response once (a CANCEL may already have ended the transaction). */
export function reject(res: Srf.SrfResponse, status: number, reason: string, headers: Record<string, string> = {}): void {
  if (res.finalResponseSent) return;
  res.send(status, reason, { headers });
}

/**
 * A call turned away with the catalog's status for `err`, and Retry-After when
 * the error says when to come back (Redis away, draining, this instance full).
 *
 * @example refuse(res, new Draining())
 */
export function refuse(res: Srf.SrfResponse, err: MasqError): void {
  const retry = (err as MasqError & { retryAfterS?: number }).retryAfterS;
  reject(res, err.sipStatus, reasonFor(err.sipStatus), retry === undefined ? {} : { 'Retry-After': String(retry) });
}

/** The SIP-only rejection: status from the error catalog, Retry-After where it applies. */
export const rejectWithStatus: RejectCall = (_req, res, err) => refuse(res, err);
