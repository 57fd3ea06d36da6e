/**
 * OpenAPI 3.1 document built from the request/response zod schemas, and a small
 * self-contained HTML page rendering it (no external assets: on-prem installs
 * often have no internet).
 */
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import { errorResponse } from './responses.js';
import type { Reply, Route } from './route.js';
import { addExamples } from './openapi-examples.js';

const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid input (field-level details)',
  401: 'Missing or wrong API key',
  404: 'Not found',
  409: 'Conflict (pool exhausted, in use, exists)',
  410: 'Session expired or closed',
  413: 'Body too large (1 MB of JSON; 5 MB for a prompt)',
  415: 'Body of the wrong media type',
  416: 'Range not satisfiable',
  503: 'Redis unavailable (Retry-After)',
};

/** Tag descriptions, in the order a reader meets them. */
const TAGS = [
  { name: 'sessions', description: 'Masking sessions: two participants, the virtual numbers they see, their lifetime and options; and what a call would do' },
  { name: 'calls', description: 'Call records and recordings' },
  { name: 'pools', description: 'Pools of virtual numbers' },
  { name: 'numbers', description: "A pool's virtual numbers: add, list, health, remove" },
  { name: 'events', description: 'The event log and webhook delivery (backlog, dead letters)' },
  { name: 'prompts', description: 'Announcement audio' },
  { name: 'health', description: 'Liveness, readiness and metrics (no API key)' },
];

/** The error a route most plausibly answers with `status` (404s by the thing its path names). */
function errorExample(status: number, path: string): object {
  const missing = /\{(\w+)\}[^{]*$/.exec(path)?.[1];
  const notFound: Record<string, string> = { sessionId: 'session_not_found', poolId: 'pool_not_found', number: 'number_not_found', callId: 'call_not_found', promptId: 'prompt_not_found', eventId: 'dead_letter_not_found' };
  const codes: Record<number, [string, string]> = {
    400: ['validation_failed', 'request validation failed'],
    401: ['unauthorized', 'missing or invalid API key (Authorization: Bearer <key>)'],
    404: [notFound[missing ?? ''] ?? 'not_found', 'not found'],
    409: ['pool_exhausted', 'no number left in pool us-east for these participants'],
    410: ['session_expired', 'session expired'],
    413: ['payload_too_large', 'request body exceeds 1 MB'],
    415: ['unsupported_media_type', 'body must be audio/wav'],
    416: ['range_not_satisfiable', 'range not satisfiable'],
    503: ['store_unavailable', 'state store unavailable'],
  };
  const [code, message] = codes[status] ?? ['error', ERROR_TEXT[status] ?? 'error'];
  return { error: { code, message, ...(status === 400 ? { details: [{ field: 'firstParty', message: 'not a valid phone number (E.164 expected, e.g. +14155550123)' }] } : {}) } };
}

const reply = (r: Reply): object => ({
  description: r.description,
  ...(r.contentType ? { content: { [r.contentType]: { schema: { type: 'string', format: 'binary' } } } } : {}),
  ...(r.schema ? { content: { 'application/json': { schema: r.schema, ...(r.example !== undefined ? { example: r.example } : {}) } } } : {}),
});

/** Builds the OpenAPI document from the routes as declared (the same list Express serves). */
export function buildOpenApi(routes: readonly Route[], version: string): object {
  const reg = new OpenAPIRegistry();
  reg.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key from MASQ_API_KEYS: `Authorization: Bearer <key>`. Every /v1 route needs one.',
  });
  reg.registerComponent('securitySchemes', 'metricsKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'MASQ_METRICS_KEY, when set: only it reads /metrics (the API keys do not).',
  });
  for (const r of routes) {
    const responses: Record<string, object> = {};
    for (const answer of [r.ok, ...(r.also ?? [])]) responses[answer.status] = reply(answer);
    for (const code of r.errors) {
      const json = reply({ status: code, schema: errorResponse, description: ERROR_TEXT[code] ?? 'Error' }) as { content: Record<string, object> };
      json.content['application/json'] = { ...json.content['application/json'], example: errorExample(code, r.path) };
      responses[code] = json;
    }
    reg.registerPath({
      method: r.method,
      path: r.path,
      operationId: r.operationId,
      summary: r.summary,
      tags: [r.tag],
      ...(r.auth === false ? { security: r.path === '/metrics' ? [{}, { metricsKey: [] }] : [] } : {}),
      request: {
        ...(r.params ? { params: r.params } : {}),
        ...(r.query ? { query: r.query as z.ZodObject } : {}),
        ...(r.headers ? { headers: r.headers } : {}),
        ...(r.body ? { body: { content: { 'application/json': { schema: r.body } } } } : {}),
        ...(r.upload ? { body: { required: true, content: Object.fromEntries(r.upload.types.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])) } } : {}),
      },
      responses,
    });
  }
  const doc = new OpenApiGeneratorV31(reg.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Masq API',
      version,
      description: 'Self-hosted number masking: pools of virtual numbers, masking sessions, call routing.',
      // The package is not published under an open licence (package.json: UNLICENSED).
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
    },
    // Relative: the API is where this document is served from (any host, port or prefix).
    servers: [{ url: '/', description: 'This Masq instance' }],
    tags: TAGS,
    security: [{ bearer: [] }],
  });
  return addExamples(doc);
}

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

interface DocOp {
  summary?: string;
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses?: Record<string, { description: string }>;
}

/** Renders the document as one readable HTML page. */
export function renderDocsHtml(doc: { info: { title: string; version: string }; paths: Record<string, Record<string, DocOp>>; components?: unknown }): string {
  const sections = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const params = (op.parameters ?? []).map((p) => `<code>${esc(p.name)}</code> (${esc(p.in)}${p.required ? ', required' : ''})`).join(', ');
      const json = op.requestBody?.content['application/json'];
      const body = !op.requestBody
        ? ''
        : json
          ? `<details><summary>Request body</summary><pre>${esc(JSON.stringify(json.schema, null, 2))}</pre></details>`
          : `<p>Request body: the file itself (${Object.keys(op.requestBody.content).map(esc).join(', ')})</p>`;
      const responses = Object.entries(op.responses ?? {}).map(([code, r]) => `<li><b>${esc(code)}</b> ${esc(r.description)}</li>`).join('');
      return `<section><h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${esc(path)}</code></h3><p>${esc(op.summary ?? '')}</p>${params ? `<p>Parameters: ${params}</p>` : ''}${body}<ul>${responses}</ul></section>`;
    }),
  );
  return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(doc.info.title)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#222}
section{border-top:1px solid #ddd;padding:.5em 0}.m{display:inline-block;min-width:4.5em;font-size:.8em;padding:.1em .4em;border-radius:3px;color:#fff;background:#555}
.get{background:#2a7}.post{background:#27c}.patch{background:#c82}.delete{background:#c33}pre{background:#f6f6f6;padding:.8em;overflow:auto;font-size:12px}</style></head>
<body><h1>${esc(doc.info.title)} <small>${esc(doc.info.version)}</small></h1>
<p>Every <code>/v1</code> route needs <code>Authorization: Bearer &lt;key&gt;</code>. Errors are <code>{"error":{"code","message","details?"}}</code>.
Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1). Schemas are under <code>components</code> there.</p>
${sections.join('\n')}</body></html>`;
}
