/**
 * Generates the console's API types from the OpenAPI document Masq itself builds
 * (the same route declarations Express serves), so the console cannot call a
 * route or read a field the API does not have. Usage:
 *   tsx scripts/console-api-types.ts          writes console/src/api/schema.d.ts
 *   tsx scripts/console-api-types.ts --check  fails when that file is out of date
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { createHttpApp } from '../src/http/server.js';
import { buildOpenApi } from '../src/http/openapi.js';
import type { Route } from '../src/http/route.js';
import { createLogger } from '../src/logger.js';
import type { Store } from '../src/store/index.js';
import type { EventTail } from '../src/store/event-tail.js';
import type { Resolver } from '../src/masking/resolve.js';
import type { CallRequester } from '../src/sip/request-a-call.js';

export const SCHEMA_FILE = fileURLToPath(new URL('../console/src/api/schema.d.ts', import.meta.url));

/** The document as served at /openapi.json (handlers never run here, so no store is needed). */
export function masqOpenApi(): object {
  const app = createHttpApp({
    store: {} as Store,
    resolver: {} as Resolver,
    eventTail: {} as EventTail,
    calls: {} as CallRequester,
    log: createLogger({ level: 'silent' }),
    apiKeys: ['k'.repeat(16)],
    insecureNoAuth: false,
    defaultRegion: 'US',
    ttlDefaultS: 14_400,
    ttlMaxS: 86_400,
    version: 'console',
    readiness: {},
    isDraining: () => false,
    activeCalls: () => 0,
  });
  return buildOpenApi(app.locals.routes as Route[], 'console');
}

/** The TypeScript the console's client is typed with. */
export async function consoleApiTypes(): Promise<string> {
  const ast = await openapiTS(masqOpenApi() as Parameters<typeof openapiTS>[0]);
  return `/**\n * Generated from Masq's own OpenAPI document by scripts/console-api-types.ts: do not edit.\n * Regenerate with \`npm run console:api\`.\n */\n\n${astToString(ast)}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = await consoleApiTypes();
  if (process.argv.includes('--check')) {
    if (readFileSync(SCHEMA_FILE, 'utf8') !== text) {
      console.error('console/src/api/schema.d.ts is out of date: run npm run console:api');
      process.exit(1);
    }
  } else {
    writeFileSync(SCHEMA_FILE, text);
    console.log(`wrote ${SCHEMA_FILE}`);
  }
}
