/** Parses request parts with zod; failures become one 400 listing every field. */
import type { z } from 'zod';
import { ValidationFailed, type ErrorDetail } from '../../errors.js';

/** zod issues → field-level details (`numbers.3`, `announcements.firstParty`, …). */
export function issuesToDetails(issues: readonly z.core.$ZodIssue[], root?: string): ErrorDetail[] {
  return issues.map((i) => {
    const path = i.path.map(String).join('.');
    const field = [root, path].filter(Boolean).join('.') || '(body)';
    if (i.code === 'unrecognized_keys') {
      return { field: [field === '(body)' ? '' : field, i.keys.join(',')].filter(Boolean).join('.'), message: 'unknown field' };
    }
    if (i.code === 'invalid_type' && i.input === undefined) return { field, message: 'required' };
    return { field, message: i.message };
  });
}

/**
 * Validates `input` against `schema`, or throws ValidationFailed.
 *
 * @example const body = parse(schemas.createPool, req.body, 'body');
 */
export function parse<S extends z.ZodType>(schema: S, input: unknown, where: 'body' | 'query'): z.output<S> {
  if (where === 'body' && (input === undefined || input === null || typeof input !== 'object' || Array.isArray(input))) {
    throw new ValidationFailed([{ field: '(body)', message: 'a JSON object is required (Content-Type: application/json)' }]);
  }
  const r = schema.safeParse(input ?? {});
  if (!r.success) throw new ValidationFailed(issuesToDetails(r.error.issues, where === 'query' ? undefined : undefined));
  return r.data;
}
