/** /v1/pools and /v1/pools/{id}/numbers. */
import { z } from 'zod';
import type { CountryCode } from 'libphonenumber-js';
import { parseNumber } from '../../masking/e164.js';
import type { Store } from '../../store/index.js';
import type { NumberEntry } from '../../store/pools.js';
import { addNumbersResponse, drainResponse, numberResponse, pageOf, poolResponse } from '../responses.js';
import { route, type Route } from '../route.js';
import type { Schemas } from '../schemas.js';
import { numberJson, poolJson } from '../serialize.js';
import { NumberNotFound } from '../../errors.js';
import { promptIdsOf } from '../../store/prompts.js';

interface Invalid {
  index: number;
  value: string;
  message: string;
}

/** Validates each entry on its own: bad ones are reported, good ones added. */
function sortEntries(raw: (string | { number: string; capabilities?: string[]; region?: string })[], region: CountryCode) {
  const entries: NumberEntry[] = [];
  const invalid: Invalid[] = [];
  const seen = new Set<string>();
  let repeats = 0;
  raw.forEach((item, index) => {
    const value = typeof item === 'string' ? item : item.number;
    const phone = parseNumber(value, region);
    if (!phone) {
      invalid.push({ index, value, message: 'not a valid phone number' });
      return;
    }
    if (seen.has(phone.e164)) {
      repeats++;
      return;
    }
    seen.add(phone.e164);
    const extra: { capabilities?: string[]; region?: string } = typeof item === 'string' ? {} : item;
    entries.push({
      phone,
      capabilities: extra.capabilities ?? ['voice'],
      ...(extra.region ? { region: extra.region } : {}),
    });
  });
  return { entries, invalid, repeats };
}

const poolParam = z.object({ poolId: z.string() });
const numberParam = z.object({ poolId: z.string(), number: z.string().meta({ example: '+12025550100' }) });

/** /v1/pools: pools and their numbers. */
export function poolRoutes(deps: { store: Store; schemas: Schemas; defaultRegion: CountryCode }): Route[] {
  const { store, schemas } = deps;
  const e164 = (raw: string | undefined): string => {
    const phone = parseNumber(raw ?? '', deps.defaultRegion);
    if (!phone) throw new NumberNotFound('number');
    return phone.e164;
  };
  const pool = (params: Record<string, string>): string => params.poolId ?? '';

  return [
    route({
      method: 'post', path: '/v1/pools', operationId: 'createPool', summary: 'Create a pool', tag: 'pools',
      body: schemas.createPool,
      ok: { status: 201, schema: poolResponse, description: 'Created' }, errors: [400, 401, 409],
      handle: async ({ body, res }) => {
        if (body.announcements) await store.prompts.requireAnnouncements(body.announcements);
        let p = await store.pools.create(body.id, body.description ?? '');
        if (body.announcements) {
          p = await store.pools.update(p.id, { announcements: body.announcements });
          await store.prompts.addUser(promptIdsOf(body.announcements), { kind: 'pool', id: p.id });
        }
        res.status(201).json(poolJson(p));
      },
    }),
    route({
      method: 'patch', path: '/v1/pools/{poolId}', operationId: 'updatePool', summary: "Change a pool's description or announcements", tag: 'pools',
      params: poolParam, body: schemas.updatePool,
      ok: { status: 200, schema: poolResponse, description: 'The pool' }, errors: [400, 401, 404],
      handle: async ({ params, body, res }) => {
        const id = pool(params);
        const before = await store.pools.require(id);
        if (body.announcements) await store.prompts.requireAnnouncements(body.announcements);
        const p = await store.pools.update(id, {
          ...(body.description !== undefined ? { description: body.description } : {}),
          ...(body.announcements !== undefined ? { announcements: body.announcements } : {}),
        });
        if (body.announcements !== undefined) await store.prompts.retarget(before.announcements, p.announcements, { kind: 'pool', id });
        res.json(poolJson(p));
      },
    }),
    route({
      method: 'get', path: '/v1/pools', operationId: 'listPools', summary: 'List pools', tag: 'pools',
      query: schemas.page,
      ok: { status: 200, schema: pageOf(poolResponse), description: 'A page of pools' }, errors: [400, 401],
      handle: async ({ query, res }) => {
        const page = await store.pools.list(query.limit, query.cursor);
        res.json({ items: page.items.map(poolJson), nextCursor: page.nextCursor });
      },
    }),
    route({
      method: 'get', path: '/v1/pools/{poolId}', operationId: 'getPool', summary: 'Get a pool with its counts', tag: 'pools',
      params: poolParam,
      ok: { status: 200, schema: poolResponse, description: 'The pool' }, errors: [401, 404],
      handle: async ({ params, res }) => {
        res.json(poolJson(await store.pools.require(pool(params))));
      },
    }),
    route({
      method: 'delete', path: '/v1/pools/{poolId}', operationId: 'deletePool', summary: 'Delete a pool and its numbers', tag: 'pools',
      params: poolParam,
      ok: { status: 204, description: 'Deleted' }, errors: [401, 404, 409],
      handle: async ({ params, res }) => {
        await store.pools.delete(pool(params));
        res.status(204).end();
      },
    }),
    route({
      method: 'post', path: '/v1/pools/{poolId}/numbers', operationId: 'addNumbers', summary: 'Add numbers (up to 10,000 per call)', tag: 'numbers',
      params: poolParam, body: schemas.addNumbers,
      ok: { status: 200, schema: addNumbersResponse, description: 'What was added' }, errors: [400, 401, 404, 413],
      handle: async ({ params, body, res }) => {
        const { entries, invalid, repeats } = sortEntries(body.numbers, deps.defaultRegion);
        const result = await store.pools.addNumbers(pool(params), entries);
        res.json({ added: result.added, duplicates: result.duplicates + repeats, invalid });
      },
    }),
    route({
      method: 'get', path: '/v1/pools/{poolId}/numbers', operationId: 'listNumbers', summary: 'List numbers', tag: 'numbers',
      params: poolParam, query: schemas.page,
      ok: { status: 200, schema: pageOf(numberResponse), description: 'A page of numbers' }, errors: [400, 401, 404],
      handle: async ({ params, query, res }) => {
        const page = await store.pools.listNumbers(pool(params), query.limit, query.cursor);
        res.json({ items: page.items.map(numberJson), nextCursor: page.nextCursor });
      },
    }),
    route({
      method: 'get', path: '/v1/pools/{poolId}/numbers/{number}', operationId: 'getNumber', summary: 'Get a number', tag: 'numbers',
      params: numberParam,
      ok: { status: 200, schema: numberResponse, description: 'The number' }, errors: [400, 401, 404],
      handle: async ({ params, res }) => {
        res.json(numberJson(await store.pools.getNumber(pool(params), e164(params.number))));
      },
    }),
    route({
      method: 'patch', path: '/v1/pools/{poolId}/numbers/{number}', operationId: 'updateNumber', summary: 'Set health / cool-off', tag: 'numbers',
      params: numberParam, body: schemas.updateNumber,
      ok: { status: 200, schema: numberResponse, description: 'The number' }, errors: [400, 401, 404],
      handle: async ({ params, body, res }) => {
        const change = {
          ...(body.healthy !== undefined ? { healthy: body.healthy } : {}),
          ...(body.cooloffUntil !== undefined
            ? { cooloffUntil: body.cooloffUntil === null ? null : Date.parse(body.cooloffUntil) }
            : {}),
        };
        res.json(numberJson(await store.pools.updateNumber(pool(params), e164(params.number), change)));
      },
    }),
    route({
      method: 'delete', path: '/v1/pools/{poolId}/numbers/{number}', operationId: 'removeNumber', summary: 'Remove a number (?drain=true to retire a bound one)', tag: 'numbers',
      params: numberParam, query: schemas.deleteNumberQuery,
      ok: { status: 204, description: 'Deleted' },
      also: [{ status: 202, schema: drainResponse, description: 'Bound to open sessions and drain=true: retired once they end' }], errors: [400, 401, 404, 409],
      handle: async ({ params, query, res }) => {
        const result = await store.pools.deleteNumber(pool(params), e164(params.number), query.drain === 'true');
        if (result.status === 'deleted') res.status(204).end();
        else res.status(202).json(result);
      },
    }),
  ];
}
