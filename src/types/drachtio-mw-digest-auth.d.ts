/** Minimal typings for drachtio-mw-digest-auth (it ships none). */
declare module 'drachtio-mw-digest-auth' {
  import type Srf from 'drachtio-srf';

  interface DigestOptions {
    realm?: string | ((req: Srf.SrfRequest) => string);
    proxy?: boolean;
    passwordLookup(username: string, realm: string, callback: (err: Error | null, password?: string | null) => void): void;
  }

  type Middleware = (req: Srf.SrfRequest, res: Srf.SrfResponse, next: (err?: unknown) => void) => void;


  function digestAuth(opts: DigestOptions): Middleware;
  export = digestAuth;
}
