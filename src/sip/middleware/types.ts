import type Srf from 'drachtio-srf';
import type { CallContext } from '../context.js';

/** An INVITE as the chain sees it: drachtio's request plus our per-call state. */
export type CallRequest = Srf.SrfRequest & { locals: CallContext };

/** One step of the INVITE chain (drachtio-srf middleware). */
export type InviteMiddleware = (req: CallRequest, res: Srf.SrfResponse, next: (err?: unknown) => void) => void;
