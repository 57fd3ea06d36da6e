/**
 * Serves the operator console's built files at /console under a strict
 * Content-Security-Policy: scripts, styles and requests from this origin only, no
 * inline code, no frames. The console holds an API key, so nothing from another
 * origin may ever run beside it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express, type RequestHandler } from 'express';

/** The policy every /console answer carries (recordings play from blob: URLs the console fetched with its key). */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self' blob:",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const securityHeaders: RequestHandler = (_req, res, next) => {
  res.set({
    'content-security-policy': CONSOLE_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'x-frame-options': 'DENY',
  });
  next();
};

/**
 * Mounts the console at /console from `dir` (Vite's output). Hashed files under
 * assets/ are cached for a year; index.html never, so a new build shows at once.
 * Without a build, /console says how to make one instead of a bare 404.
 */
export function mountConsole(app: Express, dir: string): void {
  const built = existsSync(join(dir, 'index.html'));
  app.use('/console', securityHeaders);
  if (!built) {
    app.use('/console', (_req, res) => {
      res.status(404).type('text').send('The console is not built: run `npm run build` (or `npm run dev:console` while developing).\n');
    });
    return;
  }
  // Relative asset URLs need the trailing slash. (Middleware, not a route: /console is not part of the API.)
  app.use('/console', (req, res, next) => (req.originalUrl.split('?')[0] === '/console' ? res.redirect(301, '/console/') : next()));
  app.use(
    '/console',
    express.static(dir, {
      index: 'index.html',
      redirect: false,
      setHeaders: (res, path) => {
        res.set('cache-control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );
}
