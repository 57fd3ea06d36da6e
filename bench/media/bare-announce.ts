/**
 * The reference for announcements: a bare drachtio-fsmrf application (no Redis,
 * no routing, no SDP filtering) that answers every INVITE on FreeSWITCH, plays
 * one file and hangs up. Usage:
 *   tsx bench/media/bare-announce.ts <drachtio port> <secret> <esl host:port:secret> <file>
 */
import Srf from 'drachtio-srf';
import Mrf from 'drachtio-fsmrf';

const [port, secret, esl, file] = process.argv.slice(2);
const [eslHost, eslPort, eslSecret] = (esl ?? '').split(':');
const srf = new Srf();
(srf.connect as (o: object) => unknown)({ host: '127.0.0.1', port: Number(port), secret });
const mrf = new Mrf(srf);

srf.on('connect', () => {
  mrf
    .connect({ address: eslHost as string, port: Number(eslPort), secret: eslSecret as string, listenAddress: '127.0.0.1' })
    .then((ms) => {
      srf.invite(async (req, res) => {
        try {
          const { endpoint, dialog } = (await (ms as unknown as { connectCaller(a: unknown, b: unknown): Promise<{ endpoint: Mrf.Endpoint; dialog: Srf.Dialog }> }).connectCaller(req, res));
          dialog.on('destroy', () => void endpoint.destroy().catch(() => undefined));
          await endpoint.play(file as string).catch(() => undefined);
          if (dialog.connected) await dialog.destroy().catch(() => undefined);
          await endpoint.destroy().catch(() => undefined);
        } catch {
          // the caller got the failure already
        }
      });
      process.send?.('ready');
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
});
process.on('SIGTERM', () => {
  srf.disconnect();
  process.exit(0);
});
