/**
 * pino logger whose every line has phone numbers masked, at every level.
 *
 * Code should log ids and `maskNumber(n)`; the formatters are the safety net:
 * every string of a line — its fields at any depth, the bindings of child
 * loggers (a Call-ID, a display name, a URI from the trunk), the message and
 * error texts — has anything that looks like a phone number masked, written
 * with or without `+`, `%2B`, spaces, dashes or parentheses.
 */
import { pino, type Logger, type LoggerOptions, type DestinationStream } from 'pino';

export type { Logger };

// 7–15 digits, optionally led by `+` or a URL-encoded `%2B`, possibly with
// visual separators between them (`+1 (415) 555-0123`), not inside an id.
const NUMBER_RE = /(?<![A-Za-z0-9])(\+|%2[Bb])?(\(?\d(?:[ ()-]{0,2}\d){6,14})(?![0-9])/g;
// Cheap pre-check: most strings have no seven digits close together at all.
const NUMBER_TEST = /\d(?:[ ()-]{0,2}\d){6}/;
// ISO dates are not phone numbers.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

/**
 * Masks a phone number for logs, keeping the country/area prefix and the last two digits.
 *
 * @example maskNumber('+14155550123') // '+1415*****23'
 */
export function maskNumber(value: string): string {
  if (!NUMBER_TEST.test(value)) return value;
  return value.replace(NUMBER_RE, (m: string, plus: string | undefined, written: string) => {
    if (ISO_DATE.test(written)) return m;
    const digits = written.replace(/\D/g, '');
    const keepHead = Math.min(4, digits.length - 5);
    return `${plus ?? ''}${digits.slice(0, keepHead)}${'*'.repeat(digits.length - keepHead - 2)}${digits.slice(-2)}`;
  });
}

/**
 * Masks strings in plain objects and arrays. Class instances (an http request,
 * an Error) are left to their serializers, which mask what they output; walking
 * them here would cost more than the rest of the request.
 */
const MAX_DEPTH = 10;

function maskDeep(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return maskNumber(value);
  if (value === null || typeof value !== 'object') return value;
  // Deeper than anything Masq logs on purpose: flattened, and masked all the same.
  if (depth > MAX_DEPTH) return maskNumber(safeJson(value));
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  const out: Record<string, unknown> = {};
  for (const k in value) out[k] = maskDeep((value as Record<string, unknown>)[k], depth + 1);
  return out;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '[unserialisable]';
  }
}

/**
 * Creates the service logger.
 *
 * @example const log = createLogger({ level: 'info' });
 */
export function createLogger(opts: { level: string; destination?: DestinationStream }): Logger {
  const options: LoggerOptions = {
    level: opts.level,
    base: { service: 'masq' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label) => ({ level: label }),
      log: (obj) => maskDeep(obj, 0) as Record<string, unknown>,
    },
    hooks: {
      // Messages are masked too: `log.info('calling %s', n)` must not leak.
      logMethod(args, method) {
        const masked = args.map((a) => (typeof a === 'string' ? maskNumber(a) : a)) as Parameters<typeof method>;
        method.apply(this, masked);
      },
    },
    serializers: {
      err: (err: Error) => ({
        type: err.name,
        message: maskNumber(err.message),
        ...(err.stack ? { stack: maskNumber(err.stack) } : {}),
        ...('code' in err ? { code: (err as { code: unknown }).code } : {}),
      }),
    },
  };
  return maskBindings(pino(options, opts.destination ?? bufferedStdout()));
}

/**
 * Child loggers' bindings (a call's Call-ID, a display name) go into every line
 * they write, but pino applies no formatter to them: they are masked as they are
 * bound. Patched on the root, the methods reach every descendant (children
 * inherit from their parent).
 */
function maskBindings(root: Logger): Logger {
  const child = root.child;
  const setBindings = root.setBindings;
  root.child = function (this: Logger, bindings, options) {
    return child.call(this, maskDeep(bindings, 0) as typeof bindings, options);
  } as Logger['child'];
  root.setBindings = function (this: Logger, bindings) {
    setBindings.call(this, maskDeep(bindings, 0) as typeof bindings);
  };
  return root;
}

/** How long a line may wait in the buffer when traffic is light. */
const FLUSH_EVERY_MS = 250;

/**
 * stdout, written asynchronously in chunks of at least 4 KiB, and at least every
 * 250 ms: under load one write per ~15 lines instead of one per line (a write per
 * call cost the SIP path as much CPU as building the line), while a quiet
 * service's lines still show up within a quarter of a second. pino flushes the
 * buffer synchronously on exit; only a SIGKILL can lose the last 250 ms.
 */
function bufferedStdout(): DestinationStream {
  return pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: FLUSH_EVERY_MS });
}
