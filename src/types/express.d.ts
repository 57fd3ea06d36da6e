/** What our middleware adds to Express requests. */
import type { Logger } from 'pino';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Request id (X-Request-Id, given or generated). */
      id: string;
      /** Child logger carrying the request id. */
      log: Logger;
    }
  }
}

export {};
