/** What our middleware adds to Express requests. */
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Request id (X-Request-Id, given or generated). */
      id: string;
    }
  }
}

export {};
