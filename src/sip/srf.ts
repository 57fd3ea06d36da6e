/** drachtio-srf's application object, typed with what it really offers (src/types/drachtio-srf.d.ts). */
import Srf from 'drachtio-srf';

export type SipServer = Srf & Srf.SrfRuntime;

/** A new, unattached drachtio-srf application. */
export function createSrf(): SipServer {
  return new Srf() as SipServer;
}
