/**
 * One voice for a dependency that cannot be reached (Redis, drachtio-server): a
 * single line naming where it was looked for and why it failed, repeated at most
 * every few seconds while the outage lasts, and one line when it comes back.
 * Components that merely notice the outage through failed commands stay quiet
 * about it (debug), so an operator reads one clear line instead of a chorus.
 */
import type { Logger } from './logger.js';

/** How often a lasting outage is said again. */
export const OUTAGE_REPEAT_MS = 5000;

/** What a connection tells about its attempts; the log lines follow from it. */
export interface OutageLog {
  /** An attempt to reach the dependency failed with `err`. */
  failed(err: unknown): void;
  /** The dependency answers (again); says so only if an outage was reported. */
  recovered(): void;
  /** True between a failure and the next recovery. */
  readonly down: boolean;
}

/**
 * The cause of a connection failure, as an operator wants it: the system error
 * code and the address (`ECONNREFUSED 127.0.0.1:6379`) rather than a client
 * library's wording.
 *
 * @example describeCause(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' }))
 *   // 'ECONNREFUSED 127.0.0.1:6379'
 */
export function describeCause(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const e = err as Error & { code?: unknown; address?: unknown; port?: unknown };
  if (typeof e.code === 'string' && typeof e.address === 'string') {
    return `${e.code} ${e.address}${typeof e.port === 'number' ? `:${e.port}` : ''}`;
  }
  // Node's own wording of a failed connect starts with the syscall; the rest is the cause.
  return err.message.replace(/^(connect|getaddrinfo|read|write) /, '');
}

/**
 * A URL fit for a log line: any password in it is replaced.
 *
 * @example safeUrl('redis://:s3cret@db:6379/0') // 'redis://:***@db:6379/0'
 */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//***@');
  }
}

/**
 * The outage voice of one dependency.
 *
 * @example const outage = createOutageLog({ log, what: 'redis', where: 'redis://127.0.0.1:6379' });
 *   redis.on('error', (err) => outage.failed(err)); redis.on('ready', () => outage.recovered());
 * @param opts.what what is unreachable, as the log line names it (`redis`)
 * @param opts.where where it was looked for (a URL or host:port)
 */
export function createOutageLog(opts: { log: Logger; what: string; where: string; repeatMs?: number; now?: () => number }): OutageLog {
  const repeatMs = opts.repeatMs ?? OUTAGE_REPEAT_MS;
  const now = opts.now ?? Date.now;
  let down = false;
  let saidAt = -Infinity;
  let attempts = 0;
  let since = 0;
  return {
    get down() {
      return down;
    },
    failed(err) {
      if (!down) {
        down = true;
        since = now();
        attempts = 0;
      }
      attempts++;
      const t = now();
      if (t - saidAt < repeatMs) return;
      saidAt = t;
      const cause = describeCause(err);
      opts.log.warn(
        { dependency: opts.what, url: opts.where, cause, attempts, downForS: Math.round((t - since) / 1000) },
        `${opts.what} unreachable at ${opts.where}: ${cause}; retrying`,
      );
    },
    recovered() {
      if (!down) return;
      down = false;
      saidAt = -Infinity;
      opts.log.info({ dependency: opts.what, url: opts.where, downForS: Math.round((now() - since) / 1000) }, `${opts.what} reachable again at ${opts.where}`);
    },
  };
}
