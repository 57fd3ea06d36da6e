/**
 * The API client, typed from Masq's own OpenAPI document (schema.d.ts is
 * generated from it): a wrong path, parameter or field is a compile error here.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';
import { getKey } from '../auth';

export type Schemas = components['schemas'];
export type Session = Schemas['Session'];
export type Pool = Schemas['Pool'];
export type PoolNumber = Schemas['PoolNumber'];
export type Call = Schemas['Call'];
export type MasqEvent = Schemas['Event'];
export type DeadLetter = Schemas['DeadLetter'];
export type WebhookStats = Schemas['WebhookStats'];
export type Prompt = Schemas['Prompt'];

/** An API answer that is an error, with the API's code, message and field details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { field: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Called when the API refuses the key (it was revoked, or mistyped). */
let onUnauthorized: () => void = () => undefined;
export function setUnauthorizedHandler(fn: () => void): void {
  onUnauthorized = fn;
}

const authorize: Middleware = {
  onRequest({ request }) {
    const key = getKey();
    if (key) request.headers.set('authorization', `Bearer ${key}`);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401) onUnauthorized();
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: location.origin });
api.use(authorize);

type Result<T> = { data?: T; error?: unknown; response: Response };

/**
 * The data of a successful answer, or an ApiError.
 *
 * @example const pools = await ok(api.GET('/v1/pools', {}));
 */
export async function ok<T>(call: Promise<Result<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  const e = (error as { error?: { code?: string; message?: string; details?: { field: string; message: string }[] } } | undefined)?.error;
  throw new ApiError(response.status, e?.code ?? `http_${response.status}`, e?.message ?? response.statusText, e?.details ?? []);
}

/** Reads every page of a cursor-paged list (up to `max` items). */
export async function allPages<T>(page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>, max = 10_000): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const p = await page(cursor);
    out.push(...p.items);
    cursor = p.nextCursor ?? undefined;
  } while (cursor && out.length < max);
  return out;
}
