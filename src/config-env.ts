/**
 * The environment's schema: every variable Masq reads, how it is parsed, its
 * default, and the rules that span several variables. config.ts applies it to
 * the environment and maps the result into the typed, frozen Config.
 */
import { z } from 'zod';
import { isSupportedCountry } from 'libphonenumber-js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const port = z.coerce.number().int().min(0).max(65535);
const CIDR_RE = /^(\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?|[0-9a-fA-F:]+(\/\d{1,3})?)$/;
const seconds = z.coerce.number().int().positive();

/** drachtio-server's documented default admin secret: anyone can attach with it. */
export const DRACHTIO_DEFAULT_SECRET = 'cymru';

/** Every variable, parsed and checked (loadConfig applies it and reports all problems at once). */
export const envSchema = z
  .object({
    MASQ_HTTP_PORT: port.default(8080),
    MASQ_HTTP_HOST: z.string().min(1).default('127.0.0.1'),
    MASQ_REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
    MASQ_REDIS_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9:_{}.-]{1,32}$/, 'letters, digits and : _ { } . - only, at most 32')
      .default('masq:'),
    MASQ_REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(100).max(10_000).default(1500),
    // Sentinel mode: the master's address comes from the sentinels; MASQ_REDIS_URL
    // then gives only the data nodes' credentials, db and TLS (rediss://).
    MASQ_REDIS_SENTINELS: z
      .string()
      .default('')
      .transform((s, ctx) => {
        const out: { host: string; port: number }[] = [];
        for (const entry of s.split(',').map((x) => x.trim()).filter(Boolean)) {
          const m = /^(\[[0-9a-fA-F:.]+\]|[^:\s[\]]+):(\d{1,5})$/.exec(entry);
          const p = Number(m?.[2]);
          if (!m || p < 1 || p > 65535) ctx.addIssue({ code: 'custom', message: `not host:port (IPv6 in brackets, [::1]:26379): ${entry}` });
          else out.push({ host: (m[1] as string).replace(/^\[|\]$/g, ''), port: p });
        }
        return out;
      }),
    MASQ_REDIS_SENTINEL_NAME: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits and . _ - only, at most 64')
      .default('mymaster'),
    MASQ_REDIS_SENTINEL_PASSWORD: z.string().min(1).optional(),
    MASQ_REDIS_SENTINEL_TLS: bool.default(false),
    MASQ_API_KEYS: z.string().optional(),
    MASQ_INSECURE_NO_AUTH: bool.default(false),
    MASQ_DEFAULT_REGION: z
      .string()
      .transform((s) => s.toUpperCase())
      .refine((s) => isSupportedCountry(s), 'not an ISO 3166 country code libphonenumber knows')
      .default('US'),
    MASQ_SESSION_TTL_DEFAULT_S: seconds.default(14_400),
    MASQ_SESSION_TTL_MAX_S: seconds.default(86_400),
    MASQ_TOMBSTONE_RETENTION_S: seconds.default(30 * 86_400),
    MASQ_UNMATCHED_CALL_RETENTION_S: seconds.default(86_400),
    // Webhook retries go on for up to a day and read their event from the log.
    MASQ_EVENT_RETENTION_S: z.coerce.number().int().min(86_400, 'at least 86400 (1 day): webhook retries run up to 24 h and need their events in the log').default(7 * 86_400),
    MASQ_SWEEP_INTERVAL_MS: z.coerce.number().int().min(50).max(60_000).default(250),
    MASQ_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    MASQ_CONFIG_FILE: z.string().min(1).optional(),
    MASQ_SIP_ENABLED: bool.default(true),
    MASQ_DRACHTIO_HOST: z.string().min(1).default('127.0.0.1'),
    MASQ_DRACHTIO_PORT: port.default(9022),
    // Several drachtio-servers at once (host:port,host:port); when set, HOST/PORT are not used.
    MASQ_DRACHTIO: z
      .string()
      .optional()
      .transform((s, ctx) => {
        if (s === undefined) return undefined;
        const out: { host: string; port: number }[] = [];
        for (const entry of s.split(',').map((x) => x.trim()).filter(Boolean)) {
          const m = /^(\[[0-9a-fA-F:]+\]|[^:\s]+):(\d{1,5})$/.exec(entry);
          if (!m || Number(m[2]) > 65535) ctx.addIssue({ code: 'custom', message: `not host:port (a drachtio-server admin address): ${entry}` });
          else out.push({ host: (m[1] as string).replace(/^\[|\]$/g, ''), port: Number(m[2]) });
        }
        if (out.length === 0) ctx.addIssue({ code: 'custom', message: 'list at least one host:port' });
        const names = out.map((d) => `${d.host}:${d.port}`);
        if (new Set(names).size !== names.length) ctx.addIssue({ code: 'custom', message: 'lists a drachtio-server twice' });
        return out;
      }),
    MASQ_DRACHTIO_SECRET: z.string().min(1).optional(),
    MASQ_INSECURE_DRACHTIO_SECRET: bool.default(false),
    MASQ_TRUNK_ALLOW: z
      .string()
      .default('127.0.0.1/32')
      .transform((s, ctx) => {
        const out = s.split(',').map((x) => x.trim()).filter(Boolean);
        for (const entry of out) {
          if (!CIDR_RE.test(entry)) ctx.addIssue({ code: 'custom', message: `not an IP or CIDR: ${entry}` });
        }
        return out;
      }),
    MASQ_TRUNK_OUTBOUND_URI: z
      .string()
      .regex(/^sips?:\{number\}@[^\s]+$/, 'must look like sip:{number}@host[:port][;params]')
      .default('sip:{number}@127.0.0.1:5080'),
    MASQ_TRUNK_NUMBER_FORMAT: z.enum(['e164', 'e164-no-plus', 'national']).default('e164'),
    MASQ_TRUNK_SEND_PAI: bool.default(false),
    MASQ_TRUNK_TRUST_PAI: bool.default(true),
    MASQ_TRUNK_AUTH_REALM: z.string().min(1).optional(),
    MASQ_TRUNK_AUTH_USER: z.string().min(1).optional(),
    MASQ_TRUNK_AUTH_PASSWORD: z.string().min(1).optional(),
    MASQ_TRUNK_AUTH_NONCE_TTL_S: z.coerce.number().int().min(1).max(3600).default(60),
    MASQ_RING_TIMEOUT_S: z.coerce.number().int().min(1).max(600).default(60),
    MASQ_CALL_TIME_LIMIT_S: z.coerce.number().int().min(1).max(86_400).default(14_400),
    MASQ_DRAIN_TIMEOUT_S: z.coerce.number().int().min(0).max(86_400).default(60),
    MASQ_MAX_CALLS: z.coerce.number().int().min(1).max(1_000_000).default(2000),
    MASQ_MAX_CALLS_PER_SESSION: z.coerce.number().int().min(0).max(1000).default(0),
    MASQ_MAX_CALLS_PER_NUMBER: z.coerce.number().int().min(0).max(1_000_000).default(0),
    // Below 90 s (RFC 4028's floor) only for tests: headers still say 90, refreshes follow the setting.
    MASQ_SESSION_TIMER_S: z.coerce.number().int().refine((v) => v === 0 || (v >= 2 && v <= 86_400), '0 (off) or 2–86400 (90 or more outside tests)').default(1800),
    MASQ_SIP_RATE_LIMIT: z.coerce.number().int().min(0).max(100_000).default(2000),
    MASQ_OVERLOAD_LAG_MS: z.coerce.number().int().min(0).max(10_000).default(200),
    MASQ_OVERLOAD_ACK_DELAY_MS: z.coerce.number().int().min(0).max(10_000).default(50),
    MASQ_MEDIA_ANCHOR: z.enum(['off', 'rtpengine']).default('off'),
    MASQ_RTPENGINE: z
      .string()
      .default('127.0.0.1:22222')
      .transform((s, ctx) => {
        const out: { host: string; port: number }[] = [];
        for (const entry of s.split(',').map((x) => x.trim()).filter(Boolean)) {
          const m = /^(\[[0-9a-fA-F:]+\]|[^:\s]+):(\d{1,5})$/.exec(entry);
          if (!m) ctx.addIssue({ code: 'custom', message: `not host:port: ${entry}` });
          else out.push({ host: (m[1] as string).replace(/^\[|\]$/g, ''), port: Number(m[2]) });
        }
        return out;
      }),
    MASQ_MEDIA_SERVERS: z
      .string()
      .default('')
      .transform((s, ctx) => {
        const out: { host: string; port: number; secret: string }[] = [];
        for (const entry of s.split(',').map((x) => x.trim()).filter(Boolean)) {
          const m = /^(\[[0-9a-fA-F:]+\]|[^:\s]+):(\d{1,5}):(.+)$/.exec(entry);
          if (!m) ctx.addIssue({ code: 'custom', message: `not host:port:secret (a FreeSWITCH event socket): ${entry.replace(/:[^:]*$/, ':…')}` });
          else out.push({ host: (m[1] as string).replace(/^\[|\]$/g, ''), port: Number(m[2]), secret: m[3] as string });
        }
        return out;
      }),
    MASQ_MEDIA_LISTEN_ADDRESS: z.string().min(1).optional(),
    MASQ_MEDIA_ADVERTISED_ADDRESS: z.string().min(1).optional(),
    MASQ_PROMPTS_DIR: z.string().min(1).default('./data/prompts'),
    MASQ_MEDIA_PROMPTS_DIR: z.string().min(1).optional(),
    MASQ_RECORDINGS_DIR: z.string().min(1).default('./data/recordings'),
    MASQ_MEDIA_RECORDINGS_DIR: z.string().min(1).optional(),
    MASQ_RECORDING_RETENTION_S: z.coerce.number().int().min(0).default(30 * 86_400),
    MASQ_TRUNK_OUTBOUND_AUTH_USER: z.string().min(1).optional(),
    MASQ_TRUNK_OUTBOUND_AUTH_PASSWORD: z.string().min(1).optional(),
    MASQ_WEBHOOK_ENABLED: bool.default(true),
    MASQ_CONSOLE_ENABLED: bool.default(true),
    MASQ_CONSOLE_DIR: z.string().min(1).optional(),
    MASQ_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
    MASQ_WEBHOOK_SECRET: z.string().min(16, 'at least 16 characters').optional(),
    MASQ_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
    MASQ_WEBHOOK_MAX_AGE_S: seconds.default(86_400),
    MASQ_WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(10).default(1000),
    MASQ_WEBHOOK_RETRY_MAX_MS: z.coerce.number().int().min(100).default(3_600_000),
    MASQ_WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(32),
    MASQ_WEBHOOK_INFOBIP_API_ID: z.string().min(1).optional(),
    MASQ_WEBHOOK_INFOBIP_KEY: z.string().min(1).optional(),
    MASQ_ROUTING_CALLBACK_URL: z.url({ protocol: /^https?$/ }).optional(),
    MASQ_ROUTING_CALLBACK_TIMEOUT_MS: z.coerce.number().int().min(100).max(10_000).default(1500),
    MASQ_METRICS_ENABLED: bool.default(true),
    MASQ_METRICS_KEY: z.string().min(16, 'at least 16 characters').optional(),
  })
  .superRefine((env, ctx) => {
    const auth = [env.MASQ_TRUNK_AUTH_USER, env.MASQ_TRUNK_AUTH_PASSWORD].filter(Boolean).length;
    if (auth === 1) {
      ctx.addIssue({ code: 'custom', path: ['MASQ_TRUNK_AUTH_USER'], message: 'set both MASQ_TRUNK_AUTH_USER and MASQ_TRUNK_AUTH_PASSWORD, or neither' });
    }
    const outAuth = [env.MASQ_TRUNK_OUTBOUND_AUTH_USER, env.MASQ_TRUNK_OUTBOUND_AUTH_PASSWORD].filter(Boolean).length;
    if (outAuth === 1) {
      ctx.addIssue({ code: 'custom', path: ['MASQ_TRUNK_OUTBOUND_AUTH_USER'], message: 'set both MASQ_TRUNK_OUTBOUND_AUTH_USER and MASQ_TRUNK_OUTBOUND_AUTH_PASSWORD, or neither' });
    }
    const secret = env.MASQ_DRACHTIO_SECRET;
    if (env.MASQ_SIP_ENABLED && !env.MASQ_INSECURE_DRACHTIO_SECRET && (!secret || secret === DRACHTIO_DEFAULT_SECRET || secret.length < 12)) {
      ctx.addIssue({
        code: 'custom',
        path: ['MASQ_DRACHTIO_SECRET'],
        message: `set it to drachtio-server's --secret: 12+ characters, not the well-known default '${DRACHTIO_DEFAULT_SECRET}' (MASQ_INSECURE_DRACHTIO_SECRET=true allows that in a lab)`,
      });
    }
    // A webhook retry reads its event from the log until MASQ_WEBHOOK_MAX_AGE_S
    // after the first failure; an event trimmed before that is a delivery lost.
    if (env.MASQ_WEBHOOK_ENABLED && env.MASQ_EVENT_RETENTION_S < env.MASQ_WEBHOOK_MAX_AGE_S) {
      ctx.addIssue({
        code: 'custom',
        path: ['MASQ_EVENT_RETENTION_S'],
        message: `at least MASQ_WEBHOOK_MAX_AGE_S (${env.MASQ_WEBHOOK_MAX_AGE_S}): webhook retries read their events from the log until then`,
      });
    }
    if (env.MASQ_SESSION_TTL_DEFAULT_S > env.MASQ_SESSION_TTL_MAX_S) {
      ctx.addIssue({
        code: 'custom',
        path: ['MASQ_SESSION_TTL_DEFAULT_S'],
        message: `must not exceed MASQ_SESSION_TTL_MAX_S (${env.MASQ_SESSION_TTL_MAX_S})`,
      });
    }
  });

/** Every environment variable Masq reads (what a deployment file may set; checked against docker-compose.yml). */
export const ENV_NAMES: readonly string[] = Object.freeze(Object.keys(envSchema.shape));

/** Key rules, checked on the raw environment so they are reported with every other problem. */
export function keyIssues(env: Record<string, string | undefined>): z.core.$ZodIssue[] {
  const keys = parseKeys(env.MASQ_API_KEYS);
  const insecure = bool.safeParse(env.MASQ_INSECURE_NO_AUTH ?? 'false');
  const issue = (message: string): z.core.$ZodIssue =>
    ({ code: 'custom', path: ['MASQ_API_KEYS'], message, input: undefined }) as z.core.$ZodIssue;
  if (keys.length === 0 && !(insecure.success && insecure.data)) {
    return [issue('set at least one API key (comma-separated), or MASQ_INSECURE_NO_AUTH=true for a lab setup')];
  }
  return keys.some((k) => k.length < 16) ? [issue('every key needs at least 16 characters')] : [];
}

/** The comma-separated API keys, trimmed, empty entries dropped. */
export function parseKeys(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k.length > 0);
}
