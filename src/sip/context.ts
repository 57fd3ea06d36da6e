/** Per-call state the INVITE middleware chain builds up on `req.locals`. */
import type { Logger } from '../logger.js';
import type { Route } from '../masking/types.js';

export interface CallContext {
  /** Our call id (time-ordered, like session ids). */
  callId: string;
  /** When the INVITE reached us (ms). */
  startedAt: number;
  log: Logger;
  /** The caller sent CANCEL (watched from the first step on; 487 is already sent). */
  cancelled: boolean;
  /** The CANCEL's Reason header, for the callee's CANCEL (sanitised there). */
  cancelReason?: string;
  /** Set by whoever owns the call once a leg may exist: runs on CANCEL. */
  onCancel?: () => void;
  /** Tells drain the call has left the INVITE chain (answered, or handed to its CallSession). */
  leaveChain?: () => void;
  /** Caller and called number in E.164, once parsed. */
  caller?: string;
  called?: string;
  /** The routing decision, once resolved. */
  route?: Route;
}
