/**
 * How a call that cannot be connected is turned away. Today: a SIP final
 * response with the catalog's status. This is the seam for announcements: the
 * media layer supplies its own RejectCall that answers, plays the prompt for the
 * error's code (not_in_session, session_expired, …), hangs up — and falls back to
 * this one when the media server is unavailable.
 */
import type Srf from 'drachtio-srf';
import { StoreUnavailable, type MasqError } from '../errors.js';
import type { CallRequest } from './middleware/types.js';
import { reject } from './middleware/types.js';
import { reasonFor } from './reasons.js';

export type RejectCall = (req: CallRequest, res: Srf.SrfResponse, err: MasqError) => void;

/** The SIP-only rejection: status from the error catalog, Retry-After on 503. */
export const rejectWithStatus: RejectCall = (_req, res, err) => {
  const headers: Record<string, string> = err instanceof StoreUnavailable ? { 'Retry-After': String(err.retryAfterS) } : {};
  reject(res, err.sipStatus, reasonFor(err.sipStatus), headers);
};
