/**
 * Builds the operator console into dist/console, which Masq serves at /console.
 * `npm run dev:console` runs this with hot reload and forwards the API to a Masq
 * running on MASQ_URL (default http://127.0.0.1:8080).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const api = process.env.MASQ_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/console', import.meta.url)),
    emptyOutDir: true,
    // The polyfill would be one more script; every browser the console supports has modulepreload.
    modulePreload: { polyfill: false },
    // Everything as files: the CSP allows no inline code, and data: only for images.
    assetsInlineLimit: 0,
    sourcemap: false,
    // One chunk on purpose (one request on first load); its budget, 250 KB gzipped,
    // is measured by npm run bench:console rather than by this warning.
    chunkSizeWarningLimit: 1024,
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/v1': { target: api, changeOrigin: false }, '/healthz': api, '/readyz': api, '/openapi.json': api },
  },
});
