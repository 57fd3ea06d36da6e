/**
 * The OpenAPI document and the routes Express serves are the same set: a route
 * added, removed or renamed on one side only fails here.
 */
import { describe, expect, it } from 'vitest';
import type { Express } from 'express';
import { useApp } from '../helpers/app.js';

const ctx = useApp();

interface Layer {
  rawPath?: string;
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** "METHOD /path/{param}" for every route in the app, nested routers included. */
function servedRoutes(app: Express): string[] {
  const out: string[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const [m, on] of Object.entries(layer.route.methods)) if (on && m !== '_all') out.push(`${m.toUpperCase()} ${prefix}${layer.route.path}`);
      } else if (layer.handle?.stack && typeof layer.rawPath === 'string') {
        walk(layer.handle.stack, prefix + layer.rawPath);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return out.map((r) => r.replace(/:(\w+)/g, '{$1}').replace(/\/+/g, '/').replace(/(.)\/$/, '$1')).sort();
}

describe('OpenAPI against the routes served', () => {
  it('documents exactly the routes Express serves', async () => {
    const doc = (await (await fetch(`${ctx.t.baseUrl}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m)).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    const served = servedRoutes(ctx.t.app.http).filter((r) => !/ \/(docs|openapi\.json)$/.test(r));
    expect(served.length).toBeGreaterThan(15);
    expect(served).toEqual(documented);
  });
});
