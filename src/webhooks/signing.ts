/**
 * Webhook signatures.
 *
 * `Masq-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`.
 * A receiver recomputes the HMAC over the raw body it got, compares in constant
 * time, and rejects a `t` outside its replay window (5 minutes by default):
 *
 * ```js
 * const [t, v1] = header.split(',').map((p) => p.split('=')[1]);
 * const mac = crypto.createHmac('sha256', secret).update(`${t}.${rawBody}`).digest('hex');
 * const fresh = Math.abs(Date.now() / 1000 - Number(t)) <= 300;
 * const ok = fresh && crypto.timingSafeEqual(Buffer.from(mac), Buffer.from(v1));
 * ```
 *
 * For customers migrating from Infobip, a destination may also get
 * `Authorization: <apiId>:<hex SHA256(webhookUrl + body + key)>`.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'Masq-Signature';
export const DEFAULT_REPLAY_WINDOW_S = 300;

/**
 * @example signatureHeader('s3cret', '{"id":"1-0"}', 1795430000) // 't=1795430000,v1=…'
 */
export function signatureHeader(secret: string, body: string, nowS: number = Math.floor(Date.now() / 1000)): string {
  const mac = createHmac('sha256', secret).update(`${nowS}.${body}`).digest('hex');
  return `t=${nowS},v1=${mac}`;
}

/** Checks a Masq-Signature header against the raw body: right key, untampered, fresh. */
export function verifySignature(
  header: string,
  body: string,
  secret: string,
  opts: { nowS?: number; windowS?: number } = {},
): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.trim().split('=', 2) as [string, string]));
  const t = Number(parts.t);
  const given = parts.v1 ?? '';
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(given)) return false;
  const now = opts.nowS ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - t) > (opts.windowS ?? DEFAULT_REPLAY_WINDOW_S)) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return timingSafeEqual(Buffer.from(expected), Buffer.from(given));
}

/** Infobip-compatible `Authorization` value for one destination. */
export function infobipAuthorization(apiId: string, webhookUrl: string, body: string, key: string): string {
  return `${apiId}:${createHash('sha256').update(webhookUrl + body + key).digest('hex')}`;
}
