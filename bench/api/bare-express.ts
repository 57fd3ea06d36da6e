/**
 * The reference: bare Express 5 routes with no Redis, no auth, no validation,
 * measured by the same client in the same run as Masq.
 */
import express from 'express';

const port = Number(process.argv[2] ?? 0);
const app = express();
app.disable('x-powered-by');
app.disable('etag');
app.post('/bare', express.json(), (req, res) => {
  res.status(201).json({ id: 'x', received: Object.keys(req.body as object).length });
});
app.get('/bare', (req, res) => {
  res.json({ from: req.query.from ?? null, to: req.query.to ?? null });
});
const server = app.listen(port, '127.0.0.1');
server.keepAliveTimeout = 65_000;
process.on('SIGTERM', () => server.close(() => process.exit(0)));
