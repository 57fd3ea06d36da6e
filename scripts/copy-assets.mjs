// Copies non-TypeScript runtime assets next to the compiled output: the Lua
// scripts, and the API reference renderer's browser bundle for /docs (a
// development dependency, so production installs need not carry its sources).
import { cpSync, existsSync, mkdirSync } from 'node:fs';

cpSync('src/store/lua', 'dist/store/lua', { recursive: true });

const scalar = 'node_modules/@scalar/api-reference/dist/browser/standalone.js';
if (existsSync(scalar)) {
  mkdirSync('dist/docs-assets', { recursive: true });
  cpSync(scalar, 'dist/docs-assets/scalar-standalone.js');
} else {
  console.warn('copy-assets: @scalar/api-reference not installed; /docs will show the plain route list');
}
