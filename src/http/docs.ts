/**
 * /docs: Scalar's API reference (request and response examples, try-it) over
 * /openapi.json, served by Masq itself from its own copy of the renderer: no CDN,
 * no web fonts from elsewhere, no telemetry — on-prem installs often have no
 * internet. The renderer is a development dependency copied next to the build
 * (`npm run build` → dist/docs-assets/); without it /docs falls back to the plain
 * route list.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Express } from 'express';

const BUNDLE_CANDIDATES = [
  // Built: dist/http/docs.js → dist/docs-assets/
  new URL('../docs-assets/scalar-standalone.js', import.meta.url),
  // From source: the package itself.
  new URL('../../node_modules/@scalar/api-reference/dist/browser/standalone.js', import.meta.url),
];

/** Where the renderer's browser bundle is, if anywhere. */
export function findDocsBundle(): string | undefined {
  return BUNDLE_CANDIDATES.map((u) => fileURLToPath(u)).find((p) => existsSync(p));
}

/** The page: Scalar pointed at the document, with nothing fetched from elsewhere. */
export function scalarPage(title: string): string {
  // agent off: its "Ask AI" chat talks to Scalar's service (and shows itself on localhost).
  const config = { url: '/openapi.json', withDefaultFonts: false, telemetry: false, agent: { disabled: true }, hideClientButton: false, showDeveloperTools: 'never' };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title.replace(/[<>&]/g, '')}</title>
<style>body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",sans-serif}</style>
</head>
<body>
<div id="app"></div>
<script src="/docs/scalar.js"></script>
<script>Scalar.createApiReference('#app', ${JSON.stringify(config)});</script>
</body>
</html>
`;
}

/** Mounts /docs (and its script); `fallbackHtml` is served when the renderer is not installed. */
export function mountDocs(app: Express, title: string, fallbackHtml: string): void {
  const bundle = findDocsBundle();
  const page = bundle ? scalarPage(title) : fallbackHtml;
  app.get('/docs', (_req, res) => {
    res.type('html').send(page);
  });
  if (bundle) {
    app.get('/docs/scalar.js', (_req, res) => {
      res.sendFile(bundle, { maxAge: '1d', headers: { 'content-type': 'text/javascript; charset=utf-8' } });
    });
  }
}
