/** Optional digest authentication of the trunk (drachtio-mw-digest-auth). */
import digestAuth from 'drachtio-mw-digest-auth';
import type { TrunkConfig } from '../../config.js';
import type { InviteMiddleware } from './types.js';

export function trunkAuth(auth: NonNullable<TrunkConfig['auth']>): InviteMiddleware {
  return digestAuth({
    realm: auth.realm,
    passwordLookup: (username, _realm, callback) => callback(null, username === auth.user ? auth.password : null),
  });
}
