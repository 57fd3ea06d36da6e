/**
 * Digest authentication of the trunk (RFC 2617 / 3261, MD5, qop=auth), with
 * nonces that expire and serve once.
 *
 * A nonce is `<time>.<random>.<mac>`: its MAC (HMAC-SHA256 keyed from the trunk's
 * password, so every instance checks every other's nonces without sharing state)
 * proves Masq made it, its time how old it is. An INVITE is let through when its
 * digest matches, its nonce is Masq's and younger than the TTL, and the nonce has
 * not served before — claimed once in Redis across instances, so a captured
 * Authorization header cannot be replayed. An expired nonce with a right digest
 * gets a fresh challenge with `stale=true` (the trunk retries without asking its
 * operator); a wrong password or user gets a plain 403.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { StoreUnavailable } from '../../errors.js';
import type { InviteMiddleware } from './types.js';
import { refuse, reject } from '../reject-call.js';

export interface TrunkAuthOptions {
  realm: string;
  user: string;
  password: string;
  /** How long a nonce may be answered (s). */
  nonceTtlS: number;
  /** Marks a nonce used; false when it was used already. Throws StoreUnavailable while Redis is away. */
  claimNonce(nonce: string, ttlMs: number): Promise<boolean>;
}

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

/** The parameters of a Digest credentials header (quoted values may hold commas). */
export function parseDigest(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  const body = header.replace(/^\s*Digest\s+/i, '');
  const re = /([A-Za-z-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g;
  for (let m = re.exec(body); m; m = re.exec(body)) out[(m[1] as string).toLowerCase()] = m[2] ?? m[3] ?? '';
  return out;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * @example trunkAuth({ realm: 'masq', user: 'trunk', password, nonceTtlS: 60, claimNonce: (n, ttl) => store.nonces.claim(n, ttl) })
 */
export function trunkAuth(o: TrunkAuthOptions): InviteMiddleware {
  const key = createHash('sha256').update(`masq-digest-nonce\0${o.realm}\0${o.password}`).digest();
  const ha1 = md5(`${o.user}:${o.realm}:${o.password}`);
  const mac = (data: string) => createHmac('sha256', key).update(data).digest('base64url').slice(0, 22);
  const newNonce = () => {
    const data = `${Date.now().toString(36)}.${randomBytes(9).toString('base64url')}`;
    return `${data}.${mac(data)}`;
  };
  /** The nonce's age in ms, or undefined when Masq did not make it. */
  const nonceAge = (nonce: string): number | undefined => {
    const [t, r, m] = nonce.split('.');
    if (!t || !r || !m || !same(m, mac(`${t}.${r}`))) return undefined;
    return Date.now() - parseInt(t, 36);
  };
  const challenge = (res: Parameters<InviteMiddleware>[1], stale: boolean) =>
    reject(res, 401, 'Unauthorized', {
      'WWW-Authenticate': `Digest realm="${o.realm}", nonce="${newNonce()}", algorithm=MD5, qop="auth"${stale ? ', stale=true' : ''}`,
    });

  return (req, res, next) => {
    const log = req.locals.log;
    if (!req.has('Authorization')) return challenge(res, false);
    const d = parseDigest(req.get('Authorization'));
    if (d.username !== o.user || d.realm !== o.realm) {
      log.info('trunk authentication: unknown user or realm: 403');
      return reject(res, 403, 'Forbidden');
    }
    const age = nonceAge(d.nonce ?? '');
    if (age === undefined) return challenge(res, false);
    const ha2 = md5(`${req.method}:${d.uri ?? ''}`);
    const expected = d.qop ? md5(`${ha1}:${d.nonce}:${d.nc ?? ''}:${d.cnonce ?? ''}:${d.qop}:${ha2}`) : md5(`${ha1}:${d.nonce}:${ha2}`);
    if (!same(expected, d.response ?? '')) {
      log.info('trunk authentication: wrong credentials: 403');
      return reject(res, 403, 'Forbidden');
    }
    const ttlMs = o.nonceTtlS * 1000;
    if (age > ttlMs) return challenge(res, true);
    o.claimNonce(d.nonce as string, ttlMs).then(
      (fresh) => {
        if (fresh) return next();
        log.warn('trunk authentication: a nonce was used again (replay): challenged');
        challenge(res, false);
      },
      (err: unknown) => {
        log.warn({ err }, 'trunk authentication: nonce not checked (Redis): 503');
        refuse(res, err instanceof StoreUnavailable ? err : new StoreUnavailable('nonce not checked'));
      },
    );
  };
}
