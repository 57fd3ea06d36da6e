/**
 * The reference: a bare drachtio-srf B2BUA (no Redis, no routing, no privacy),
 * bridging every INVITE to the same user at the far end. Usage:
 *   tsx bench/sip/bare-b2bua.ts <drachtio port> <secret> <far-end host:port>
 */
import Srf from 'drachtio-srf';

const [port, secret, farEnd] = process.argv.slice(2);
const srf = new Srf();
(srf.connect as (o: object) => unknown)({ host: '127.0.0.1', port: Number(port), secret });
srf.on('connect', () => process.send?.('ready'));
srf.invite(async (req, res) => {
  try {
    const { uas, uac } = await srf.createB2BUA(req, res, `sip:${req.calledNumber}@${farEnd}`, { localSdpB: req.body });
    uas.on('destroy', () => uac.destroy());
    uac.on('destroy', () => uas.destroy());
  } catch {
    // the failure went back to the caller already
  }
});
process.on('SIGTERM', () => {
  srf.disconnect();
  process.exit(0);
});
