// The image's HEALTHCHECK: exits 0 when Masq's /healthz answers 200 within 2 s
// (slim Node images have no curl). It asks the port and address Masq listens
// on, as the container's environment sets them.
const port = process.env.MASQ_HTTP_PORT || '8080';
const bound = process.env.MASQ_HTTP_HOST || '127.0.0.1';
const host = bound === '0.0.0.0' || bound === '::' ? '127.0.0.1' : bound.includes(':') ? `[${bound}]` : bound;
try {
  const res = await fetch(`http://${host}:${port}/healthz`, { signal: AbortSignal.timeout(2000) });
  process.exit(res.ok ? 0 : 1);
} catch (err) {
  console.error(`healthcheck: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
