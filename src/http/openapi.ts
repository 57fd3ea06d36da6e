/**
 * OpenAPI 3.1 document built from the request/response zod schemas, and a small
 * self-contained HTML page rendering it (no external assets: on-prem installs
 * often have no internet).
 */
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  addNumbersResponse,
  callResponse,
  eventResponse,
  errorResponse,
  numberResponse,
  pageOf,
  poolResponse,
  resolveResponse,
  sessionResponse,
  webhookStatsResponse,
} from './responses.js';
import type { Schemas } from './schemas.js';

type Method = 'get' | 'post' | 'patch' | 'delete';

interface Op {
  method: Method;
  path: string;
  summary: string;
  tag: string;
  body?: z.ZodType;
  query?: z.ZodObject;
  params?: z.ZodObject;
  ok: { status: number; schema?: z.ZodType; description: string };
  errors: number[];
  auth?: boolean;
}

const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid input (field-level details)',
  401: 'Missing or wrong API key',
  404: 'Not found',
  409: 'Conflict (pool exhausted, in use, exists)',
  410: 'Session expired or closed',
  413: 'Body over 1 MB',
  503: 'Redis unavailable (Retry-After)',
};

/** Builds the OpenAPI document. */
export function buildOpenApi(s: Schemas, version: string): object {
  const reg = new OpenAPIRegistry();
  reg.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  const poolParam = z.object({ poolId: z.string() });
  const numberParam = z.object({ poolId: z.string(), number: z.string().meta({ example: '+12025550100' }) });
  const sessionParam = z.object({ sessionId: z.string() });
  const ops: Op[] = [
    { method: 'post', path: '/v1/pools', summary: 'Create a pool', tag: 'pools', body: s.createPool, ok: { status: 201, schema: poolResponse, description: 'Created' }, errors: [400, 401, 409] },
    { method: 'get', path: '/v1/pools', summary: 'List pools', tag: 'pools', query: s.page, ok: { status: 200, schema: pageOf(poolResponse), description: 'A page of pools' }, errors: [401] },
    { method: 'get', path: '/v1/pools/{poolId}', summary: 'Get a pool with its counts', tag: 'pools', params: poolParam, ok: { status: 200, schema: poolResponse, description: 'The pool' }, errors: [401, 404] },
    { method: 'delete', path: '/v1/pools/{poolId}', summary: 'Delete a pool and its numbers', tag: 'pools', params: poolParam, ok: { status: 204, description: 'Deleted' }, errors: [401, 404, 409] },
    { method: 'post', path: '/v1/pools/{poolId}/numbers', summary: 'Add numbers (up to 10,000 per call)', tag: 'numbers', params: poolParam, body: s.addNumbers, ok: { status: 200, schema: addNumbersResponse, description: 'What was added' }, errors: [400, 401, 404, 413] },
    { method: 'get', path: '/v1/pools/{poolId}/numbers', summary: 'List numbers', tag: 'numbers', params: poolParam, query: s.page, ok: { status: 200, schema: pageOf(numberResponse), description: 'A page of numbers' }, errors: [401, 404] },
    { method: 'get', path: '/v1/pools/{poolId}/numbers/{number}', summary: 'Get a number', tag: 'numbers', params: numberParam, ok: { status: 200, schema: numberResponse, description: 'The number' }, errors: [401, 404] },
    { method: 'patch', path: '/v1/pools/{poolId}/numbers/{number}', summary: 'Set health / cool-off', tag: 'numbers', params: numberParam, body: s.updateNumber, ok: { status: 200, schema: numberResponse, description: 'The number' }, errors: [400, 401, 404] },
    { method: 'delete', path: '/v1/pools/{poolId}/numbers/{number}', summary: 'Remove a number (?drain=true to retire a bound one)', tag: 'numbers', params: numberParam, query: s.deleteNumberQuery, ok: { status: 204, description: 'Deleted (202 with {status:"draining"} when drained)' }, errors: [401, 404, 409] },
    { method: 'post', path: '/v1/sessions', summary: 'Create a masking session', tag: 'sessions', body: s.createSession, ok: { status: 201, schema: sessionResponse, description: 'Created' }, errors: [400, 401, 404, 409, 503] },
    { method: 'get', path: '/v1/sessions', summary: 'List sessions (newest first, cursor pages)', tag: 'sessions', query: s.listSessions, ok: { status: 200, schema: pageOf(sessionResponse), description: 'A page; follow nextCursor until null' }, errors: [400, 401] },
    { method: 'get', path: '/v1/sessions/{sessionId}', summary: 'Get a session (open, or closed/expired while its tombstone lives)', tag: 'sessions', params: sessionParam, ok: { status: 200, schema: sessionResponse, description: 'The session' }, errors: [401, 404] },
    { method: 'patch', path: '/v1/sessions/{sessionId}', summary: 'Change TTL or options', tag: 'sessions', params: sessionParam, body: s.updateSession, ok: { status: 200, schema: sessionResponse, description: 'The session' }, errors: [400, 401, 404, 410] },
    { method: 'delete', path: '/v1/sessions/{sessionId}', summary: 'Close a session (numbers freed at once)', tag: 'sessions', params: sessionParam, ok: { status: 200, schema: sessionResponse, description: 'The closed session' }, errors: [401, 404, 410] },
    { method: 'get', path: '/v1/sessions/{sessionId}/calls', summary: "A session's calls, newest first", tag: 'calls', params: sessionParam, query: s.page, ok: { status: 200, schema: pageOf(callResponse), description: 'A page of call records' }, errors: [401, 404] },
    { method: 'get', path: '/v1/calls/{callId}', summary: 'One call record', tag: 'calls', params: z.object({ callId: z.string() }), ok: { status: 200, schema: callResponse, description: 'The call' }, errors: [401, 404] },
    { method: 'get', path: '/v1/events', summary: 'Event log (one session, or all), newest first', tag: 'events', query: s.listEvents, ok: { status: 200, schema: pageOf(eventResponse), description: 'A page of events' }, errors: [400, 401] },
    { method: 'get', path: '/v1/webhooks/stats', summary: 'Delivery backlog: pending, waiting sessions, oldest pending age, dead letters', tag: 'events', ok: { status: 200, schema: webhookStatsResponse, description: 'Backlog figures (counters; cheap at any backlog size)' }, errors: [401, 503] },
    { method: 'get', path: '/v1/webhooks/dead', summary: 'Events given up after the maximum retry age', tag: 'events', query: s.page, ok: { status: 200, description: 'Dead letters, newest first' }, errors: [401] },
    { method: 'post', path: '/v1/webhooks/dead/{eventId}/retry', summary: 'Queue a dead letter for delivery again', tag: 'events', params: z.object({ eventId: z.string() }), ok: { status: 202, description: 'Queued' }, errors: [401, 404] },
    { method: 'get', path: '/v1/resolve', summary: 'What a call from `from` to virtual number `to` would do', tag: 'sessions', query: s.resolveQuery, ok: { status: 200, schema: resolveResponse, description: 'The route' }, errors: [400, 401, 404, 410, 503] },
    { method: 'get', path: '/healthz', summary: 'Process alive', tag: 'health', ok: { status: 200, description: 'Alive' }, errors: [], auth: false },
    { method: 'get', path: '/readyz', summary: 'Dependencies reachable', tag: 'health', ok: { status: 200, description: 'Ready (503 names the failed dependency)' }, errors: [503], auth: false },
  ];
  for (const op of ops) {
    const responses: Record<string, object> = {
      [op.ok.status]: {
        description: op.ok.description,
        ...(op.ok.schema ? { content: { 'application/json': { schema: op.ok.schema } } } : {}),
      },
    };
    for (const code of op.errors) {
      responses[code] = { description: ERROR_TEXT[code] ?? 'Error', content: { 'application/json': { schema: errorResponse } } };
    }
    reg.registerPath({
      method: op.method,
      path: op.path,
      summary: op.summary,
      tags: [op.tag],
      ...(op.auth === false ? { security: [] } : {}),
      request: {
        ...(op.params ? { params: op.params } : {}),
        ...(op.query ? { query: op.query } : {}),
        ...(op.body ? { body: { content: { 'application/json': { schema: op.body } } } } : {}),
      },
      responses,
    });
  }
  return new OpenApiGeneratorV31(reg.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Masq API',
      version,
      description: 'Self-hosted number masking: pools of virtual numbers, masking sessions, call routing.',
    },
    security: [{ bearer: [] }],
  });
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
      const body = op.requestBody ? `<details><summary>Request body</summary><pre>${esc(JSON.stringify(op.requestBody.content['application/json']?.schema, null, 2))}</pre></details>` : '';
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
