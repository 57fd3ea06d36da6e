/**
 * The CLI's only way into Masq: its HTTP API, with the key as a bearer token.
 * Every failure becomes a CliError carrying the exit code scripts rely on.
 */
import { EXIT, exitForStatus, type ExitCode } from './exit-codes.js';

/** A failure the CLI reports in one line and turns into its exit code. */
export class CliError extends Error {
  readonly exitCode: ExitCode;
  /** The API's error code (`pool_exhausted` …) when it answered with one. */
  readonly apiCode: string | undefined;
  readonly status: number | undefined;
  readonly details: unknown;

  constructor(message: string, exitCode: ExitCode, extra: { apiCode?: string; status?: number; details?: unknown } = {}) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
    this.apiCode = extra.apiCode;
    this.status = extra.status;
    this.details = extra.details;
  }
}

export interface ApiClientOptions {
  baseUrl: string;
  key: string | undefined;
  timeoutMs: number;
}

/** What an API answer carries: the status and the parsed JSON body (undefined when empty). */
export interface ApiAnswer<T> {
  status: number;
  body: T;
}

interface ProblemBody {
  error?: { code?: string; message?: string; details?: unknown };
}

/** A small JSON client for the Masq API. */
export class ApiClient {
  private readonly base: string;

  constructor(private readonly opts: ApiClientOptions) {
    let url: URL;
    try {
      url = new URL(opts.baseUrl);
    } catch {
      throw new CliError(`not a URL: ${opts.baseUrl} (give --url or MASQ_API_URL, e.g. http://127.0.0.1:8080)`, EXIT.usage);
    }
    this.base = url.toString().replace(/\/$/, '');
  }

  /**
   * Sends one request. `okStatuses` are the statuses returned rather than thrown
   * (the 2xx range always is).
   *
   * @example const pools = await api.request<Page<Pool>>('GET', '/v1/pools', { query: { limit: 100 } });
   */
  async request<T>(method: string, path: string, opts: { query?: Record<string, string | number | undefined>; body?: unknown; okStatuses?: number[] } = {}): Promise<ApiAnswer<T>> {
    const url = new URL(this.base + path);
    for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.opts.key) headers.authorization = `Bearer ${this.opts.key}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers,
        ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
    } catch (err) {
      throw new CliError(`cannot reach the Masq API at ${this.base}: ${describeFetchError(err)}`, EXIT.unreachable);
    }
    const text = await res.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    if ((res.status >= 200 && res.status < 300) || opts.okStatuses?.includes(res.status)) return { status: res.status, body: body as T };
    const problem = (typeof body === 'object' && body !== null ? body : {}) as ProblemBody;
    const message = problem.error?.message ?? (typeof body === 'string' && body ? body.slice(0, 200) : res.statusText);
    const code = problem.error?.code;
    throw new CliError(`${method} ${path}: ${res.status}${code ? ` ${code}` : ''}: ${message}`, exitForStatus(res.status), {
      status: res.status,
      ...(code ? { apiCode: code } : {}),
      ...(problem.error?.details !== undefined ? { details: problem.error.details } : {}),
    });
  }
}

/** undici hides the useful part (ECONNREFUSED …) in `cause`. */
function describeFetchError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return 'no answer in time (--timeout)';
  const cause = (err as Error & { cause?: unknown }).cause;
  if (cause instanceof Error) {
    const c = cause as Error & { code?: string; address?: string; port?: number };
    if (c.code && c.address) return `${c.code} ${c.address}${c.port ? `:${c.port}` : ''}`;
    return c.message;
  }
  return err.message;
}

/** A page as every list route returns it. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Walks every page of a list route (or stops after `max` items). */
export async function* allPages<T>(api: ApiClient, path: string, query: Record<string, string | number | undefined>, max = Infinity): AsyncGenerator<T> {
  let cursor: string | undefined;
  let n = 0;
  do {
    const { body } = await api.request<Page<T>>('GET', path, { query: { ...query, ...(cursor ? { cursor } : {}) } });
    for (const item of body.items) {
      if (n++ >= max) return;
      yield item;
    }
    cursor = body.nextCursor ?? undefined;
  } while (cursor);
}
