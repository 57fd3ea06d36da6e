/**
 * A throw-away certificate authority and one server certificate for loopback
 * (IP 127.0.0.1 and ::1, DNS localhost), made with openssl for a test file and
 * removed afterwards.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCerts {
  /** The CA's certificate (PEM file): what a client must trust. */
  readonly ca: string;
  /** The server's certificate and key (PEM files). */
  readonly cert: string;
  readonly key: string;
  remove(): void;
}

/** Whether openssl is on PATH. */
export function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Makes the CA and the loopback server certificate, valid for two days. */
export function makeTestCerts(): TestCerts {
  const dir = mkdtempSync(join(tmpdir(), 'masq-tls-'));
  const at = (f: string) => join(dir, f);
  const ssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
  ssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', at('ca.key'), '-out', at('ca.crt'), '-days', '2', '-subj', '/CN=masq test CA');
  ssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', at('server.key'), '-out', at('server.csr'), '-subj', '/CN=localhost');
  writeFileSync(at('san.cnf'), 'subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost\n');
  ssl('x509', '-req', '-in', at('server.csr'), '-CA', at('ca.crt'), '-CAkey', at('ca.key'), '-CAcreateserial', '-out', at('server.crt'), '-days', '2', '-extfile', at('san.cnf'));
  return { ca: at('ca.crt'), cert: at('server.crt'), key: at('server.key'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** redis-server arguments for a TLS port beside the plain one (replication over TLS too). */
export function redisTlsArgs(certs: TestCerts, tlsPort: number): string[] {
  return ['--tls-port', String(tlsPort), '--tls-cert-file', certs.cert, '--tls-key-file', certs.key, '--tls-ca-cert-file', certs.ca, '--tls-auth-clients', 'no', '--tls-replication', 'yes'];
}
