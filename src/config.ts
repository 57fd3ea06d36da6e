/**
 * Configuration: the only module that reads the environment.
 *
 * Every setting is validated with zod at start-up (the schema: config-env.ts);
 * all problems are reported in one message, and the typed result is frozen so
 * nothing can change it later.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CountryCode } from 'libphonenumber-js';
import type { Config } from './config-types.js';
import { ConfigError, formatIssues, readConfigFile } from './config-file.js';
import { DRACHTIO_DEFAULT_SECRET, envSchema, keyIssues, parseKeys } from './config-env.js';

export { ENV_NAMES } from './config-env.js';
export { ConfigError, configFileSchema, type ConfigFile } from './config-file.js';
export type { CallLimits, Config, MediaConfig, NumberPlan, RedisConfig, RedisSentinels, SipConfig, TrunkConfig, TrunkNumberFormat, WebhookSettings } from './config-types.js';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * Validates the environment and returns the frozen configuration.
 *
 * @example
 * const config = loadConfig(); // the process environment
 * const test = loadConfig({ MASQ_API_KEYS: 'k'.repeat(16) });
 * @throws ConfigError listing every invalid or missing setting.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  const issues = [...(parsed.success ? [] : parsed.error.issues), ...keyIssues(env)];
  if (!parsed.success || issues.length > 0) throw new ConfigError(formatIssues('Invalid configuration:', issues));
  const e = parsed.data;
  return deepFreeze<Config>({
    http: { host: e.MASQ_HTTP_HOST, port: e.MASQ_HTTP_PORT },
    redis: {
      url: e.MASQ_REDIS_URL,
      prefix: e.MASQ_REDIS_PREFIX,
      commandTimeoutMs: e.MASQ_REDIS_COMMAND_TIMEOUT_MS,
      sentinels:
        e.MASQ_REDIS_SENTINELS.length > 0
          ? { nodes: e.MASQ_REDIS_SENTINELS, name: e.MASQ_REDIS_SENTINEL_NAME, password: e.MASQ_REDIS_SENTINEL_PASSWORD, tls: e.MASQ_REDIS_SENTINEL_TLS }
          : undefined,
    },
    auth: { apiKeys: parseKeys(e.MASQ_API_KEYS), insecureNoAuth: e.MASQ_INSECURE_NO_AUTH },
    defaultRegion: e.MASQ_DEFAULT_REGION as CountryCode,
    sessions: {
      ttlDefaultS: e.MASQ_SESSION_TTL_DEFAULT_S,
      ttlMaxS: e.MASQ_SESSION_TTL_MAX_S,
      tombstoneRetentionS: e.MASQ_TOMBSTONE_RETENTION_S,
      unmatchedCallRetentionS: e.MASQ_UNMATCHED_CALL_RETENTION_S,
      eventRetentionS: e.MASQ_EVENT_RETENTION_S,
      sweepIntervalMs: e.MASQ_SWEEP_INTERVAL_MS,
    },
    logLevel: e.MASQ_LOG_LEVEL,
    bootstrap: e.MASQ_CONFIG_FILE ? readConfigFile(e.MASQ_CONFIG_FILE) : undefined,
    sip: {
      enabled: e.MASQ_SIP_ENABLED,
      drachtio: (e.MASQ_DRACHTIO ?? [{ host: e.MASQ_DRACHTIO_HOST, port: e.MASQ_DRACHTIO_PORT }]).map((d) => ({
        ...d,
        secret: e.MASQ_DRACHTIO_SECRET ?? DRACHTIO_DEFAULT_SECRET,
      })),
      trunk: {
        allow: e.MASQ_TRUNK_ALLOW,
        outboundUri: e.MASQ_TRUNK_OUTBOUND_URI,
        numbers: { format: e.MASQ_TRUNK_NUMBER_FORMAT, region: e.MASQ_DEFAULT_REGION as CountryCode },
        sendPai: e.MASQ_TRUNK_SEND_PAI,
        trustPai: e.MASQ_TRUNK_TRUST_PAI,
        auth:
          e.MASQ_TRUNK_AUTH_USER && e.MASQ_TRUNK_AUTH_PASSWORD
            ? { realm: e.MASQ_TRUNK_AUTH_REALM ?? 'masq', user: e.MASQ_TRUNK_AUTH_USER, password: e.MASQ_TRUNK_AUTH_PASSWORD, nonceTtlS: e.MASQ_TRUNK_AUTH_NONCE_TTL_S }
            : undefined,
        outboundAuth:
          e.MASQ_TRUNK_OUTBOUND_AUTH_USER && e.MASQ_TRUNK_OUTBOUND_AUTH_PASSWORD
            ? { username: e.MASQ_TRUNK_OUTBOUND_AUTH_USER, password: e.MASQ_TRUNK_OUTBOUND_AUTH_PASSWORD }
            : undefined,
      },
      ringTimeoutS: e.MASQ_RING_TIMEOUT_S,
      callTimeLimitS: e.MASQ_CALL_TIME_LIMIT_S,
      drainTimeoutS: e.MASQ_DRAIN_TIMEOUT_S,
      limits: { perInstance: e.MASQ_MAX_CALLS, perSession: e.MASQ_MAX_CALLS_PER_SESSION, perNumber: e.MASQ_MAX_CALLS_PER_NUMBER },
      sessionTimerS: e.MASQ_SESSION_TIMER_S,
      rateLimitPerSource: e.MASQ_SIP_RATE_LIMIT,
      mediaAnchor: e.MASQ_MEDIA_ANCHOR === 'rtpengine' ? { kind: 'rtpengine', servers: e.MASQ_RTPENGINE } : undefined,
    },
    media: {
      servers: e.MASQ_MEDIA_SERVERS,
      // Loopback media servers connect back over loopback; otherwise fsmrf picks the first external IPv4.
      listenAddress: e.MASQ_MEDIA_LISTEN_ADDRESS ?? (e.MASQ_MEDIA_SERVERS.every((s) => /^(127\.|::1$|localhost$)/.test(s.host)) ? '127.0.0.1' : undefined),
      advertisedAddress: e.MASQ_MEDIA_ADVERTISED_ADDRESS,
      promptsDir: resolve(e.MASQ_PROMPTS_DIR),
      mediaPromptsDir: e.MASQ_MEDIA_PROMPTS_DIR ?? resolve(e.MASQ_PROMPTS_DIR),
      recordingsDir: resolve(e.MASQ_RECORDINGS_DIR),
      mediaRecordingsDir: e.MASQ_MEDIA_RECORDINGS_DIR ?? resolve(e.MASQ_RECORDINGS_DIR),
      recordingRetentionS: e.MASQ_RECORDING_RETENTION_S,
    },
    console: {
      enabled: e.MASQ_CONSOLE_ENABLED,
      // The build's output: dist/console beside src/ (and beside the compiled dist/ files).
      dir: resolve(e.MASQ_CONSOLE_DIR ?? fileURLToPath(new URL('../dist/console', import.meta.url))),
    },
    webhooks: {
      enabled: e.MASQ_WEBHOOK_ENABLED,
      url: e.MASQ_WEBHOOK_URL,
      secret: e.MASQ_WEBHOOK_SECRET,
      timeoutMs: e.MASQ_WEBHOOK_TIMEOUT_MS,
      maxAgeMs: e.MASQ_WEBHOOK_MAX_AGE_S * 1000,
      retryBaseMs: e.MASQ_WEBHOOK_RETRY_BASE_MS,
      retryMaxMs: e.MASQ_WEBHOOK_RETRY_MAX_MS,
      concurrency: e.MASQ_WEBHOOK_CONCURRENCY,
      pollMs: 100,
      infobip:
        e.MASQ_WEBHOOK_INFOBIP_API_ID && e.MASQ_WEBHOOK_INFOBIP_KEY
          ? { apiId: e.MASQ_WEBHOOK_INFOBIP_API_ID, key: e.MASQ_WEBHOOK_INFOBIP_KEY }
          : undefined,
      routingCallbackUrl: e.MASQ_ROUTING_CALLBACK_URL,
      routingCallbackTimeoutMs: e.MASQ_ROUTING_CALLBACK_TIMEOUT_MS,
    },
    metrics: { enabled: e.MASQ_METRICS_ENABLED, key: e.MASQ_METRICS_KEY },
    overloadLagMs: e.MASQ_OVERLOAD_LAG_MS,
    overloadAckDelayMs: e.MASQ_OVERLOAD_ACK_DELAY_MS,
  });
}
