/** /v1/pools and /v1/pools/{id}/numbers. */
import { Router } from 'express';
import type { CountryCode } from 'libphonenumber-js';
import { parseNumber } from '../../masking/e164.js';
import type { Store } from '../../store/index.js';
import type { NumberEntry } from '../../store/pools.js';
import { parse } from '../middleware/validate.js';
import type { Schemas } from '../schemas.js';
import { numberJson, poolJson } from '../serialize.js';
import { NumberNotFound } from '../../errors.js';

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

/** /v1/pools: pools and their numbers. */
export function poolRoutes(deps: { store: Store; schemas: Schemas; defaultRegion: CountryCode }): Router {
  const { store, schemas } = deps;
  const r = Router();

  r.post('/', async (req, res) => {
    const body = parse(schemas.createPool, req.body, 'body');
    res.status(201).json(poolJson(await store.pools.create(body.id, body.description ?? '')));
  });

  r.get('/', async (req, res) => {
    const q = parse(schemas.page, req.query, 'query');
    const page = await store.pools.list(q.limit, q.cursor);
    res.json({ items: page.items.map(poolJson), nextCursor: page.nextCursor });
  });

  r.get('/:poolId', async (req, res) => {
    res.json(poolJson(await store.pools.require(req.params.poolId)));
  });

  r.delete('/:poolId', async (req, res) => {
    await store.pools.delete(req.params.poolId);
    res.status(204).end();
  });

  r.post('/:poolId/numbers', async (req, res) => {
    const body = parse(schemas.addNumbers, req.body, 'body');
    const { entries, invalid, repeats } = sortEntries(body.numbers, deps.defaultRegion);
    const result = await store.pools.addNumbers(req.params.poolId, entries);
    res.json({ added: result.added, duplicates: result.duplicates + repeats, invalid });
  });

  r.get('/:poolId/numbers', async (req, res) => {
    const q = parse(schemas.page, req.query, 'query');
    const page = await store.pools.listNumbers(req.params.poolId, q.limit, q.cursor);
    res.json({ items: page.items.map(numberJson), nextCursor: page.nextCursor });
  });

  const numberParam = (raw: string): string => {
    const phone = parseNumber(raw, deps.defaultRegion);
    if (!phone) throw new NumberNotFound('number');
    return phone.e164;
  };

  r.get('/:poolId/numbers/:number', async (req, res) => {
    res.json(numberJson(await store.pools.getNumber(req.params.poolId, numberParam(req.params.number))));
  });

  r.patch('/:poolId/numbers/:number', async (req, res) => {
    const body = parse(schemas.updateNumber, req.body, 'body');
    const change = {
      ...(body.healthy !== undefined ? { healthy: body.healthy } : {}),
      ...(body.cooloffUntil !== undefined
        ? { cooloffUntil: body.cooloffUntil === null ? null : Date.parse(body.cooloffUntil) }
        : {}),
    };
    const n = await store.pools.updateNumber(req.params.poolId, numberParam(req.params.number), change);
    res.json(numberJson(n));
  });

  r.delete('/:poolId/numbers/:number', async (req, res) => {
    const q = parse(schemas.deleteNumberQuery, req.query, 'query');
    const result = await store.pools.deleteNumber(req.params.poolId, numberParam(req.params.number), q.drain === 'true');
    if (result.status === 'deleted') res.status(204).end();
    else res.status(202).json(result);
  });

  return r;
}
