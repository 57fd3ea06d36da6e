/**
 * Entry of the `masq` command (package.json `bin` → bin/masq.mjs → here). The
 * CLI is its own program: reading its own environment here is its config step
 * (the server's settings are read by src/config.ts alone).
 */
import { runCli } from './program.js';

runCli(process.argv.slice(2), process.env).then((code) => {
  process.exitCode = code;
});
