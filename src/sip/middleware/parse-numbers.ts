/**
 * Caller (the URI of P-Asserted-Identity from our trusted trunk, else of From)
 * and called number (Request-URI user), normalised to E.164 in the trunk's plan.
 */
import type { TrunkConfig } from '../../config.js';
import { callerIdentity, uriUser } from '../identity.js';
import { trunkToE164, type NumberPlan } from '../numbers.js';
import type { InviteMiddleware } from './types.js';
import { reject } from '../reject-call.js';

/** Reads the caller and the called number into E.164, or turns the call away (404 / 403). */
export function parseNumbers(trunk: TrunkConfig, plan: NumberPlan): InviteMiddleware {
  return (req, res, next) => {
    const called = trunkToE164(uriUser(req.uri), plan);
    if (!called) {
      req.locals.log.info('called number is not a phone number: 404');
      return reject(res, 404, 'Not Found');
    }
    req.locals.called = called;
    const who = callerIdentity(req, trunk.trustPai);
    const caller = trunkToE164(who.user, plan);
    if (!caller) {
      // Anonymous with nothing asserted, or malformed: cannot be a participant of any session.
      req.locals.log.info({ anonymous: who.anonymous, identity: who.source }, 'caller number missing or invalid: 403');
      return reject(res, 403, 'Forbidden');
    }
    req.locals.caller = caller;
    next();
  };
}
