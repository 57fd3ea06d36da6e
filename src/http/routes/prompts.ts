/**
 * /v1/prompts: WAV prompts for announcements. Uploaded as the raw body
 * (`Content-Type: audio/wav`), validated (RIFF/PCM 16-bit, mono, 8/16 kHz,
 * ≤ 5 MB, ≤ 120 s), fetched back as audio.
 */
import { z } from 'zod';
import { InvalidPrompt, PromptNotFound } from '../../errors.js';
import { newPromptId } from '../../masking/ids.js';
import { PROMPT_MAX_BYTES, readPromptWav, WavRejected } from '../../media/wav.js';
import type { Store } from '../../store/index.js';
import type { Prompt } from '../../store/prompts.js';
import { pageOf, promptResponse } from '../responses.js';
import { route, type Route } from '../route.js';
import { promptId, type Schemas } from '../schemas.js';
import { promptJson } from '../serialize.js';

const WAV_TYPES = ['audio/wav', 'audio/x-wav', 'audio/wave'];
const promptParam = z.object({ promptId });

/** Validates an upload and stores it under `id`. */
async function store(deps: { store: Store }, id: string, body: unknown, name: string | undefined): Promise<Prompt> {
  if (!Buffer.isBuffer(body) || body.length === 0) throw new InvalidPrompt('empty body: send the WAV file as the request body');
  try {
    const info = readPromptWav(body);
    return await deps.store.prompts.put(id, body, { name: name ?? id, sampleRate: info.sampleRate, durationMs: info.durationMs });
  } catch (err) {
    if (err instanceof WavRejected) throw new InvalidPrompt(err.message);
    throw err;
  }
}

/** The id in a path, checked against the prompt id alphabet (it names a file). */
function idOf(params: Record<string, string>): string {
  const r = promptId.safeParse(params.promptId);
  if (!r.success) throw new InvalidPrompt('the prompt id in the path is not a valid id');
  return r.data;
}

/** /v1/prompts: upload, replace, list, fetch and delete prompts. */
export function promptRoutes(deps: { store: Store; schemas: Schemas }): Route[] {
  const { schemas } = deps;
  const upload = { types: WAV_TYPES, maxBytes: PROMPT_MAX_BYTES };
  return [
    route({
      method: 'post', path: '/v1/prompts', operationId: 'uploadPrompt', summary: 'Upload a prompt (WAV: PCM 16-bit, mono, 8 or 16 kHz, ≤ 5 MB, ≤ 120 s)', tag: 'prompts',
      query: schemas.promptUploadQuery, upload,
      ok: { status: 201, schema: promptResponse, description: 'Stored under a new id' }, errors: [400, 401, 413, 415],
      handle: async ({ query, req, res }) => {
        const p = await store(deps, newPromptId(), req.body, query.name);
        res.status(201).location(`/v1/prompts/${p.id}`).json(promptJson(p));
      },
    }),
    route({
      method: 'get', path: '/v1/prompts', operationId: 'listPrompts', summary: 'List prompts (built-in ones included)', tag: 'prompts',
      query: schemas.page,
      ok: { status: 200, schema: pageOf(promptResponse), description: 'A page of prompts, in id order' }, errors: [400, 401],
      handle: async ({ query, res }) => {
        const page = await deps.store.prompts.list(Math.min(query.limit, 200), query.cursor);
        res.json({ items: page.items.map(promptJson), nextCursor: page.nextCursor });
      },
    }),
    route({
      method: 'put', path: '/v1/prompts/{promptId}', operationId: 'putPrompt', summary: 'Create or replace a prompt under a chosen id (built-in ones too)', tag: 'prompts',
      params: promptParam, query: schemas.promptUploadQuery, upload,
      ok: { status: 200, schema: promptResponse, description: 'Stored (calls already playing the old audio finish it)' }, errors: [400, 401, 413, 415],
      handle: async ({ params, query, req, res }) => {
        const id = idOf(params);
        const before = await deps.store.prompts.get(id);
        const p = await store(deps, id, req.body, query.name ?? before?.name);
        res.json(promptJson(p));
      },
    }),
    route({
      method: 'get', path: '/v1/prompts/{promptId}', operationId: 'getPromptAudio', summary: "A prompt's audio", tag: 'prompts',
      params: promptParam,
      ok: { status: 200, contentType: 'audio/wav', description: 'The WAV file' }, errors: [400, 401, 404],
      handle: async ({ params, res }) => {
        const id = idOf(params);
        const p = await deps.store.prompts.require(id);
        const audio = await deps.store.prompts.audio(id);
        if (!audio) throw new PromptNotFound(id); // deleted in between
        res.type('audio/wav').setHeader('X-Prompt-Version', p.version);
        res.send(audio);
      },
    }),
    route({
      method: 'delete', path: '/v1/prompts/{promptId}', operationId: 'deletePrompt', summary: 'Delete a prompt (409 while a pool or an open session names it)', tag: 'prompts',
      params: promptParam,
      ok: { status: 204, description: 'Deleted' }, errors: [400, 401, 404, 409],
      handle: async ({ params, res }) => {
        await deps.store.prompts.delete(idOf(params));
        res.status(204).end();
      },
    }),
  ];
}
