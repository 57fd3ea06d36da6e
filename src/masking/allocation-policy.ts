/**
 * Allocation policy: in which order the geo buckets of a pool are tried. The
 * atomic mechanism (walking a bucket, skipping numbers a party is already bound
 * on) lives in create_session.lua; what to prefer is decided here.
 *
 * A pool keeps one set per bucket: `*` (all), the country (`US`) and the
 * country plus area (`US:415`). A participant is best served by a number from
 * their own area, then their country, then anywhere.
 */
import type { PhoneNumber } from './e164.js';
import type { SessionMode } from './types.js';

type Geo = Pick<PhoneNumber, 'country' | 'region'>;

/**
 * The buckets a number or participant belongs to, most specific first.
 *
 * @example geoBuckets({ country: 'US', region: '415' }) // ['US:415', 'US', '*']
 */
export function geoBuckets(g: Geo): string[] {
  const out: string[] = [];
  if (g.country) {
    if (g.region) out.push(`${g.country}:${g.region}`);
    out.push(g.country);
  }
  out.push('*');
  return out;
}

/**
 * Bucket order for a number both parties will use: the first party's area, the
 * second party's area, the first party's country, the second's, then anywhere.
 * The first party comes first because that is who the session is usually
 * created for (the customer whose app shows the number).
 */
export function sharedOrder(first: Geo, second: Geo): string[] {
  const fa = geoBuckets(first);
  const fb = geoBuckets(second);
  const areas = [first.region ? fa[0] : undefined, second.region ? fb[0] : undefined];
  const countries = [first.country || undefined, second.country || undefined];
  const order: string[] = [];
  for (const b of [...areas, ...countries, '*']) if (b && !order.includes(b)) order.push(b);
  return order;
}

export interface AllocationPlan {
  /** Bucket order for the first party's number (and the shared one). */
  first: string[];
  /** Bucket order for the second party's own number; empty when the number is shared. */
  second: string[];
}

/**
 * @example allocationPlan('per-participant', alice, bob) // { first: [alice's buckets], second: [bob's] }
 */
export function allocationPlan(mode: SessionMode, first: Geo, second: Geo): AllocationPlan {
  if (mode === 'per-participant') return { first: geoBuckets(first), second: geoBuckets(second) };
  return { first: sharedOrder(first, second), second: [] };
}
