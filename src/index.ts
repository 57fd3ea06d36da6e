/**
 * Process entry: read config, build dependencies, start, and stop cleanly on
 * SIGTERM/SIGINT. The only file with side effects at import time.
 */
import { readFileSync } from 'node:fs';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { closeRedis, createRedis } from './store/redis.js';

function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`masq: ${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
  const log = createLogger({ level: config.logLevel });
  const redis = createRedis(config.redis, log.child({ component: 'redis' }));
  const app = createApp({ config, redis, log, version: readVersion() });

  let signalled = false;
  const shutdown = (signal: string): void => {
    if (signalled) return;
    signalled = true;
    log.info({ signal }, 'shutting down');
    app
      .stop()
      .then(() => closeRedis(redis))
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  await app.start();
}

main().catch((err: unknown) => {
  process.stderr.write(`masq: failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
