/**
 * The OpenAPI document as client generators take it: Redocly's recommended
 * rules pass, and a typed client generated from the live /openapi.json
 * (openapi-typescript + openapi-fetch) type-checks and drives a session's
 * life: create → resolve → close. A wrong body fails the type check, so the
 * types are real.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_KEY, useApp } from '../helpers/app.js';
import { ROOT, TSX } from '../helpers/masq-process.js';

const run = promisify(execFile);
const ctx = useApp();
const lintDir = mkdtempSync(join(tmpdir(), 'masq-lint-'));
// Under the project, so the generated client resolves openapi-fetch from node_modules.
const clientDir = join(ROOT, 'node_modules', '.cache', `masq-client-${process.pid}`);
afterAll(() => {
  rmSync(lintDir, { recursive: true, force: true });
  rmSync(clientDir, { recursive: true, force: true });
});

const liveDoc = async (): Promise<Record<string, any>> => (await (await fetch(`${ctx.t.baseUrl}/openapi.json`)).json()) as Record<string, any>;

describe('OpenAPI for client generators', () => {
  it('every operation has an operationId (unique) and tags; servers, license and security schemes are set', async () => {
    const doc = await liveDoc();
    const ops = Object.values(doc.paths as Record<string, Record<string, { operationId?: string; tags?: string[] }>>).flatMap((p) => Object.values(p));
    expect(ops.length).toBeGreaterThan(25);
    expect(ops.filter((o) => !o.operationId || !o.tags?.length)).toEqual([]);
    expect(new Set(ops.map((o) => o.operationId)).size).toBe(ops.length);
    expect(doc.servers).toEqual([{ url: '/', description: 'This Masq instance' }]);
    expect(doc.info.license.name).toBeTruthy();
    expect(Object.keys(doc.components.securitySchemes)).toEqual(['bearer', 'metricsKey']);
    expect((doc.tags as { name: string }[]).map((t) => t.name).sort()).toEqual([...new Set(ops.flatMap((o) => o.tags ?? []))].sort());
    // An example on every JSON request body and JSON response (Redocly checks each against its schema below).
    const withoutExample: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      for (const [method, op] of Object.entries(methods)) {
        const body = op.requestBody?.content?.['application/json'];
        if (body && body.example === undefined) withoutExample.push(`${method} ${path} request`);
        for (const [status, r] of Object.entries(op.responses as Record<string, any>)) {
          const json = r.content?.['application/json'];
          if (json && json.example === undefined) withoutExample.push(`${method} ${path} ${status}`);
        }
      }
    }
    expect(withoutExample).toEqual([]);
    expect(doc.paths['/v1/sessions'].post.requestBody.content['application/json'].example).toMatchObject({ poolId: 'us-east', firstParty: '+14155550123', secondParty: '+12125550199' });
    expect(doc.paths['/v1/sessions/{sessionId}'].get.responses['404'].content['application/json'].example).toMatchObject({ error: { code: 'session_not_found' } });
  });

  it('passes `redocly lint` with the recommended rules: no errors, no warnings', async () => {
    writeFileSync(join(lintDir, 'openapi.json'), JSON.stringify(await liveDoc(), null, 2));
    // The one exception: liveness and readiness answer no 4xx at all (no input, no key), and
    // the recommended rules want one on every operation. Nothing else may be ignored.
    writeFileSync(
      join(lintDir, '.redocly.lint-ignore.yaml'),
      "openapi.json:\n  operation-4xx-response:\n    - '#/paths/~1healthz/get/responses'\n    - '#/paths/~1readyz/get/responses'\n",
    );
    const { stdout } = await run(join(ROOT, 'node_modules/.bin/redocly'), ['lint', '--extends=recommended', '--format=json', 'openapi.json'], {
      cwd: lintDir,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      timeout: 60_000,
    }).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }));
    const report = JSON.parse(stdout) as { totals: { errors: number; warnings: number; ignored: number }; problems: { ruleId: string; message: string }[] };
    expect(report.problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
    expect(report.totals).toEqual({ errors: 0, warnings: 0, ignored: 2 });
  }, 60_000);

  it('a client generated from /openapi.json type-checks and drives create → resolve → close', async () => {
    mkdirSync(clientDir, { recursive: true });
    // defaultNonNullable off: openapi-typescript 7 otherwise makes every field with a default
    // required, request bodies included (the document marks them optional, as they are).
    writeFileSync(join(clientDir, 'schema.d.ts'), astToString(await openapiTS(JSON.stringify(await liveDoc()), { defaultNonNullable: false })));
    writeFileSync(
      join(clientDir, 'drive.ts'),
      `import createClient from 'openapi-fetch';
import type { paths } from './schema.js';

const client = createClient<paths>({ baseUrl: process.env.MASQ_API_URL, headers: { authorization: \`Bearer \${process.env.MASQ_API_KEY}\` } });
const pool = await client.POST('/v1/pools', { body: { id: 'typed' } });
const added = await client.POST('/v1/pools/{poolId}/numbers', { params: { path: { poolId: 'typed' } }, body: { numbers: ['+12025550160'] } });
const created = await client.POST('/v1/sessions', { body: { poolId: 'typed', firstParty: '+14155550161', secondParty: '+14155550162' } });
if (!created.data) throw new Error(JSON.stringify(created.error));
const session = created.data;
const route = await client.GET('/v1/resolve', { params: { query: { from: session.firstParty.number, to: session.firstParty.proxyNumber } } });
const closed = await client.DELETE('/v1/sessions/{sessionId}', { params: { path: { sessionId: session.id } } });
const missing = await client.GET('/v1/sessions/{sessionId}', { params: { path: { sessionId: 'nope' } } });
console.log(JSON.stringify({
  pool: pool.response.status,
  added: added.data?.added,
  created: created.response.status,
  target: route.data?.target,
  callerId: route.data?.callerId,
  closed: closed.data?.status,
  missing: missing.error?.error.code,
}));
`,
    );
    writeFileSync(
      join(clientDir, 'wrong.ts'),
      `import createClient from 'openapi-fetch';
import type { paths } from './schema.js';
const client = createClient<paths>({ baseUrl: 'http://127.0.0.1' });
// poolId is a string, and there is no such field as firstPartyNumber.
await client.POST('/v1/sessions', { body: { poolId: 7, firstPartyNumber: '+1', secondParty: '+2' } });
`,
    );
    writeFileSync(join(clientDir, 'package.json'), '{"type":"module"}\n');
    const tsc = join(ROOT, 'node_modules/.bin/tsc');
    const args = ['--noEmit', '--strict', '--skipLibCheck', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--types', 'node'];
    await run(tsc, [...args, 'drive.ts'], { cwd: clientDir, timeout: 60_000 }).catch((err: { stdout?: string }) => {
      throw new Error(`the generated client does not type-check:\n${err.stdout ?? ''}`);
    });
    const wrong = await run(tsc, [...args, 'wrong.ts'], { cwd: clientDir, timeout: 60_000 }).then(
      () => '',
      (err: { stdout?: string }) => err.stdout ?? '',
    );
    expect(wrong).toMatch(/wrong\.ts\(5,/);

    const { stdout } = await run(TSX, ['drive.ts'], { cwd: clientDir, env: { ...process.env, MASQ_API_URL: ctx.t.baseUrl, MASQ_API_KEY: TEST_KEY }, timeout: 60_000 });
    expect(JSON.parse(stdout)).toEqual({
      pool: 201,
      added: 1,
      created: 201,
      target: '+14155550162',
      callerId: '+12025550160',
      closed: 'closed',
      missing: 'session_not_found',
    });
  }, 120_000);

  it('/docs is the bundled API reference (Scalar), served by Masq itself with nothing from elsewhere', async () => {
    const page = await fetch(`${ctx.t.baseUrl}/docs`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<script src="/docs/scalar.js"></script>');
    expect(html).toContain('"url":"/openapi.json"');
    expect(html).toContain('"withDefaultFonts":false');
    // No CDN, no remote fonts: every URL in the page is local.
    expect(html.match(/https?:\/\//g) ?? []).toEqual([]);
    const js = await fetch(`${ctx.t.baseUrl}/docs/scalar.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    const body = await js.text();
    expect(body.length).toBeGreaterThan(1_000_000);
    expect(body).toContain('createApiReference');
  });
});
