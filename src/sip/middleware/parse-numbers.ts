/**
 * Caller (From user, or P-Asserted-Identity when the trunk is trusted to send
 * it) and called number (Request-URI user), normalised to E.164.
 */
import type { CountryCode } from 'libphonenumber-js';
import type { TrunkConfig } from '../../config.js';
import { userPart, trunkToE164 } from '../numbers.js';
import type { InviteMiddleware } from './types.js';
import { reject } from './types.js';

export function parseNumbers(trunk: TrunkConfig, region: CountryCode): InviteMiddleware {
  return (req, res, next) => {
    const calledUser = userPart(req.uri);
    const callerUser = (trunk.trustPai && req.has('P-Asserted-Identity') ? userPart(req.get('P-Asserted-Identity')) : undefined) ?? userPart(req.get('From'));
    const called = trunkToE164(calledUser, trunk.numberFormat, region);
    if (!called) {
      req.locals.log.info('called number is not a phone number: 404');
      return reject(res, 404, 'Not Found');
    }
    const caller = trunkToE164(callerUser, trunk.numberFormat, region);
    req.locals.called = called;
    if (!caller) {
      // Anonymous or malformed: cannot be a participant of any session.
      req.locals.log.info('caller number missing or invalid: 403');
      return reject(res, 403, 'Forbidden');
    }
    req.locals.caller = caller;
    next();
  };
}
