/**
 * The shape of Masq's configuration, as config.ts builds it from the environment
 * (the only reader of process.env) and hands it, frozen, to the rest.
 */
import type { CountryCode } from 'libphonenumber-js';
import type { ConfigFile } from './config-file.js';

export interface Config {
  readonly http: { readonly host: string; readonly port: number };
  readonly redis: RedisConfig;
  readonly auth: { readonly apiKeys: readonly string[]; readonly insecureNoAuth: boolean };
  readonly defaultRegion: CountryCode;
  readonly sessions: {
    readonly ttlDefaultS: number;
    readonly ttlMaxS: number;
    readonly tombstoneRetentionS: number;
    /** How long records of calls that matched no session are kept. */
    readonly unmatchedCallRetentionS: number;
    /** How long events stay in the log (GET /v1/events, webhook delivery); appends trim older ones. */
    readonly eventRetentionS: number;
    readonly sweepIntervalMs: number;
  };
  readonly logLevel: string;
  readonly bootstrap: ConfigFile | undefined;
  readonly sip: SipConfig;
  readonly media: MediaConfig;
  readonly webhooks: WebhookSettings;
  /** The operator console at /console: on or off, and where its built files are. */
  readonly console: { readonly enabled: boolean; readonly dir: string };
  /** Prometheus metrics at /metrics; with a key, only `Authorization: Bearer <key>` may read them. */
  readonly metrics: { readonly enabled: boolean; readonly key: string | undefined };
  /** Event-loop lag (ms) beyond which new calls and API requests are refused with 503 (0: never). */
  readonly overloadLagMs: number;
  /** How far (ms) callers' ACKs through a drachtio-server may lag their usual before its new calls are shed (0: off). */
  readonly overloadAckDelayMs: number;
}

export interface RedisConfig {
  /** The data node; with sentinels, only its credentials, db and scheme (rediss: TLS) count. */
  readonly url: string;
  readonly prefix: string;
  readonly commandTimeoutMs: number;
  /** Sentinel mode: the master is asked of these sentinels and followed through failovers. */
  readonly sentinels?: RedisSentinels | undefined;
}

/** The sentinels watching the master Masq writes to. */
export interface RedisSentinels {
  readonly nodes: readonly { readonly host: string; readonly port: number }[];
  /** The master's name in the sentinels' `sentinel monitor` line. */
  readonly name: string;
  /** The sentinels' own password (their `requirepass`), not the data nodes'. */
  readonly password: string | undefined;
  /** TLS to the sentinels (TLS to the data nodes follows MASQ_REDIS_URL's scheme). */
  readonly tls: boolean;
}

export interface WebhookSettings {
  readonly enabled: boolean;
  /** Where events go when their session has no callbackUrl. */
  readonly url: string | undefined;
  readonly secret: string | undefined;
  readonly timeoutMs: number;
  readonly maxAgeMs: number;
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  readonly concurrency: number;
  readonly pollMs: number;
  /** Also send Infobip's `Authorization: <apiId>:<sha256(url + body + key)>` (for migrating customers). */
  readonly infobip: { readonly apiId: string; readonly key: string } | undefined;
  /** Out-of-session routing callback: asked when a call matches no open session. */
  readonly routingCallbackUrl: string | undefined;
  readonly routingCallbackTimeoutMs: number;
}

export type TrunkNumberFormat = 'e164' | 'e164-no-plus' | 'national';

/** How a trunk writes numbers: its format and, for national numbers, its region. */
export interface NumberPlan {
  readonly format: TrunkNumberFormat;
  readonly region: CountryCode;
}

export interface TrunkConfig {
  /** Source addresses allowed to send us calls (IPs or CIDRs). */
  readonly allow: readonly string[];
  /** Request-URI template for calls out, with `{number}`. */
  readonly outboundUri: string;
  /** How the trunk writes numbers (see src/sip/numbers.ts). */
  readonly numbers: NumberPlan;
  readonly sendPai: boolean;
  /** Route on P-Asserted-Identity from the trunk (our trust domain) when present. */
  readonly trustPai: boolean;
  /** Digest authentication of the trunk; nonces serve once and expire after nonceTtlS. */
  readonly auth: { readonly realm: string; readonly user: string; readonly password: string; readonly nonceTtlS: number } | undefined;
  /** Credentials Masq answers the carrier's 401/407 challenges with (never passed to the caller). */
  readonly outboundAuth: { readonly username: string; readonly password: string } | undefined;
}

/** How many calls may run at once. */
export interface CallLimits {
  /** On this instance (503 + Retry-After beyond). */
  readonly perInstance: number;
  /** Per session, across instances (0: no limit; 486 beyond). */
  readonly perSession: number;
  /** Per virtual number, across instances (0: no limit; 486 beyond). */
  readonly perNumber: number;
}

export interface SipConfig {
  readonly enabled: boolean;
  /** The drachtio-servers to attach to, all at once (one secret for all). */
  readonly drachtio: readonly { readonly host: string; readonly port: number; readonly secret: string }[];
  readonly trunk: TrunkConfig;
  readonly ringTimeoutS: number;
  readonly callTimeLimitS: number;
  readonly drainTimeoutS: number;
  readonly limits: CallLimits;
  /** RFC 4028 session interval asked of both legs (0: no session timers). */
  readonly sessionTimerS: number;
  /** INVITEs per second one source address may send (0: no limit). */
  readonly rateLimitPerSource: number;
  /** rtpengine ng servers carrying every call's media, when anchoring is on. */
  readonly mediaAnchor: { readonly kind: 'rtpengine'; readonly servers: readonly { readonly host: string; readonly port: number }[] } | undefined;
}

/** FreeSWITCH media servers and where prompts and recordings live. */
export interface MediaConfig {
  /** Event sockets (none: no announcements or recording; calls work as without media). */
  readonly servers: readonly { readonly host: string; readonly port: number; readonly secret: string }[];
  /** Where FreeSWITCH connects back to Masq (undefined: the first external IPv4). */
  readonly listenAddress: string | undefined;
  readonly advertisedAddress: string | undefined;
  /** Where this instance writes prompt files, and the same directory as FreeSWITCH sees it. */
  readonly promptsDir: string;
  readonly mediaPromptsDir: string;
  /** Where FreeSWITCH writes recordings (as FreeSWITCH sees it) and where Masq reads them. */
  readonly recordingsDir: string;
  readonly mediaRecordingsDir: string;
  /** Recordings older than this are deleted (0: kept). */
  readonly recordingRetentionS: number;
}
