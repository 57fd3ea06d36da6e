#!/usr/bin/env node
// `masq` / `npx masq`: the built CLI when there is one (npm run build), else the
// TypeScript sources through tsx (a development checkout).
import { existsSync } from 'node:fs';

const built = new URL('../dist/cli/bin.js', import.meta.url);
if (existsSync(built)) {
  await import(built.href);
} else {
  const { tsImport } = await import('tsx/esm/api');
  await tsImport('../src/cli/bin.ts', import.meta.url);
}
