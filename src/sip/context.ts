/** Per-call state the INVITE middleware chain builds up on `req.locals`. */
import type { Logger } from '../logger.js';
import type { Route } from '../masking/types.js';

export interface CallContext {
  /** Our call id (time-ordered, like session ids). */
  callId: string;
  /** When the INVITE reached us (ms). */
  startedAt: number;
  log: Logger;
  /** Caller and called number in E.164, once parsed. */
  caller?: string;
  called?: string;
  /** The routing decision, once resolved. */
  route?: Route;
}
