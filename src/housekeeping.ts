/**
 * An instance's chores beside serving: the config file's pools and the built-in
 * prompts go into Redis once it answers (retried until then), and recordings
 * older than their retention are deleted. createApp starts and stops them.
 */
import type { CountryCode } from 'libphonenumber-js';
import type { ConfigFile } from './config.js';
import type { Logger } from './logger.js';
import { applyConfigFile } from './bootstrap.js';
import { seedBuiltInPrompts } from './media/default-prompts.js';
import type { RecordingFiles } from './media/recordings.js';
import type { Store } from './store/index.js';

const BOOTSTRAP_RETRY_MS = 2000;

export interface HousekeepingDeps {
  store: Store;
  /** MASQ_CONFIG_FILE's contents, when set. */
  bootstrap: ConfigFile | undefined;
  defaultRegion: CountryCode;
  /** The recordings directory, when media servers are configured. */
  recordings: RecordingFiles | undefined;
  /** MASQ_RECORDING_RETENTION_S; 0 keeps recordings. */
  recordingRetentionS: number;
  /** True for a failure that is just Redis being away (logged at debug only). */
  isOutage(err: unknown): boolean;
  log: Logger;
}

/** The chores: start() once the instance serves; stop() ends every timer and retry. */
export interface Housekeeping {
  start(): void;
  stop(): void;
}

/**
 * @example
 * const chores = createHousekeeping({ store, bootstrap: config.bootstrap, defaultRegion: 'US', recordings, recordingRetentionS: 2_592_000, isOutage, log });
 * chores.start(); // … chores.stop();
 */
export function createHousekeeping(deps: HousekeepingDeps): Housekeeping {
  const { store, recordings, isOutage, log } = deps;
  let stopped = false;
  let bootstrapTimer: NodeJS.Timeout | undefined;

  // The config file's pools are applied once Redis answers; until then, retried.
  function bootstrap(): void {
    const file = deps.bootstrap;
    if (!file || stopped) return;
    applyConfigFile(file, store, deps.defaultRegion, log).catch((err: unknown) => {
      if (isOutage(err)) log.debug({ err }, 'config file waits for redis');
      else log.warn({ err }, 'config file not applied yet; retrying');
      bootstrapTimer = setTimeout(bootstrap, BOOTSTRAP_RETRY_MS);
      bootstrapTimer.unref();
    });
  }

  // Recordings older than the retention go, file and reference (MASQ_RECORDING_RETENTION_S; 0 keeps them).
  let retentionTimer: NodeJS.Timeout | undefined;
  function startRetention(): void {
    const keepS = deps.recordingRetentionS;
    if (!recordings || keepS === 0) return;
    const sweep = async () => {
      for (const id of await recordings.sweep(keepS)) await store.recordings.forget(id).catch(() => undefined);
    };
    retentionTimer = setInterval(() => void sweep().catch((err: unknown) => log.warn({ err }, 'recording retention sweep failed')), Math.min(60_000, keepS * 1000));
    retentionTimer.unref();
  }

  // Built-in prompts go into the store once Redis answers (each only when missing):
  // retried quickly at first (Redis is usually just connecting), said once it takes long.
  let seedTries = 0;
  function seedPrompts(): void {
    if (stopped) return;
    seedBuiltInPrompts(store.prompts, log).catch((err: unknown) => {
      seedTries++;
      if (seedTries === 20 && !isOutage(err)) log.warn({ err }, 'built-in prompts not loaded yet (Redis unreachable?); still retrying');
      setTimeout(seedPrompts, Math.min(100 * seedTries, BOOTSTRAP_RETRY_MS)).unref();
    });
  }

  return {
    start() {
      bootstrap();
      seedPrompts();
      startRetention();
    },
    stop() {
      stopped = true;
      if (bootstrapTimer) clearTimeout(bootstrapTimer);
      clearInterval(retentionTimer);
    },
  };
}
