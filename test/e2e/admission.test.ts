/**
 * A drachtio-server that cannot keep up (its SIP thread given 15 % of a core by
 * stopping and continuing it, as a starved process is): Masq sees callers' ACKs
 * queue behind it, limits new calls to a rate and refuses those over it with 503
 * and Retry-After, and lifts the limit once it keeps up.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { digits, drachtioBin, until, useSipStack, warnIfNoDrachtio } from '../helpers/sip-stack.js';
import { freePort } from '../helpers/ports.js';
import { runSipp } from '../helpers/sipp.js';
import { scrape, valueOf } from '../helpers/metrics.js';

warnIfNoDrachtio('drachtio-server falling behind');
const own = drachtioBin && drachtioBin !== 'attached';
if (drachtioBin === 'attached') console.warn('\n*** e2e SKIPPED (drachtio-server falling behind): it starves its own drachtio-server; MASQ_TEST_DRACHTIO names a shared one ***\n');

const SCENARIOS = fileURLToPath(new URL('../../bench/', import.meta.url));

/** Stops and continues `pid` so that it runs `runMs` of every 100 ms, until the returned function is called. */
function starve(pid: number, runMs: number): () => void {
  let stopped = false;
  const timer = setInterval(() => {
    process.kill(pid, 'SIGSTOP');
    setTimeout(() => stopped || process.kill(pid, 'SIGCONT'), 100 - runMs);
  }, 100);
  return () => {
    stopped = true;
    clearInterval(timer);
    process.kill(pid, 'SIGCONT');
  };
}

describe.skipIf(!own)('drachtio-server falling behind', () => {
  const st = useSipStack({ env: { MASQ_OVERLOAD_ACK_DELAY_MS: '50', MASQ_LOG_LEVEL: 'info' } });

  it('limits new calls and refuses those over the limit with 503 and Retry-After while callers’ ACKs queue, and lifts the limit once it keeps up', async () => {
    const s = await st.session();
    const dir = mkdtempSync(join(tmpdir(), 'masq-admission-'));
    const csv = join(dir, 'calls.csv');
    writeFileSync(csv, `SEQUENTIAL\n${Array.from({ length: 2000 }, () => `${digits(s.a)};${digits(s.v)};`).join('\n')}\n`);
    const uas = runSipp({ scenario: join(SCENARIOS, 'sip/scenarios/bench-uas.xml'), localPort: st.uasPort, calls: 100_000, limit: 10_000, trace: false, timeoutS: 90 });
    const load = async (rate: number, calls: number, trace = false) =>
      runSipp({
        scenario: join(SCENARIOS, 'soak/scenarios/soak-uac.xml'),
        localPort: await freePort(),
        remote: `127.0.0.1:${st.drachtio.sipPort}`,
        calls,
        limit: 5000,
        trace,
        timeoutS: 60,
        extraArgs: ['-r', String(rate), '-d', '300', '-inf', csv],
      }).done;
    const refusedSoFar = async () => valueOf(await scrape(st.t.baseUrl), 'masq_calls_total', { outcome: 'rejected', sip_status: '503' });
    try {
      // Callers' usual ACK delay, learned while drachtio-server keeps up.
      await load(20, 40);
      expect(await refusedSoFar()).toBe(0);

      const pid = st.drachtio.pid() as number;
      const feed = starve(pid, 15);
      const server = { server: `127.0.0.1:${st.drachtio.adminPort}` };
      let lowest = 1;
      let lowestLimit = Infinity;
      const watch = setInterval(() => {
        void scrape(st.t.baseUrl).then((m) => {
          lowest = Math.min(lowest, valueOf(m, 'masq_sip_admission_ratio', server));
          lowestLimit = Math.min(lowestLimit, valueOf(m, 'masq_sip_admission_limit', server));
        }, () => undefined);
      }, 100);
      let run;
      try {
        run = await load(150, 900, true);
      } finally {
        feed();
        clearInterval(watch);
      }
      const refused = await refusedSoFar();
      expect(refused, 'calls refused while drachtio-server fell behind').toBeGreaterThan(0);
      expect(lowest).toBeLessThan(1);
      expect(lowestLimit).toBeLessThan(150);
      expect(run.messages).toMatch(/SIP\/2\.0 503 Service Unavailable[^]*?Retry-After: 1/);
      expect(st.t.rawLogs()).toMatch(/drachtio-server is falling behind: shedding new calls \(503\)/);

      // Keeping up again: every call taken.
      await until('the limit lifted', async () => valueOf(await scrape(st.t.baseUrl), 'masq_sip_admission_limit', server) === Infinity, 10_000);
      expect(valueOf(await scrape(st.t.baseUrl), 'masq_sip_admission_ratio', server)).toBe(1);
      expect(st.t.rawLogs()).toMatch(/drachtio-server keeping up again: taking every call/);
      const before = await refusedSoFar();
      await load(20, 40);
      expect(await refusedSoFar()).toBe(before);
    } finally {
      if (uas.pid) process.kill(uas.pid, 'SIGTERM');
      await uas.done;
    }
  }, 120_000);
});
