// Copies non-TypeScript runtime assets (Lua scripts) next to the compiled output.
import { cpSync } from 'node:fs';

cpSync('src/store/lua', 'dist/store/lua', { recursive: true });
