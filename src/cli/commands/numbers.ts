/**
 * `masq numbers import <csv> --pool <id>`: sends the file in batches (the API
 * takes up to 10,000 numbers per request), shows progress, and sums up what was
 * added, what was already there and which lines were invalid.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { CliError } from '../client.js';
import type { CliContext } from '../context.js';
import { parseNumbersCsv, type CsvNumber, type CsvProblem } from '../csv.js';
import { EXIT } from '../exit-codes.js';

interface AddResult {
  added: number;
  duplicates: number;
  invalid: { index: number; value: string; message: string }[];
}

/** What an import did, as `--json` prints it. */
export interface ImportSummary {
  poolId: string;
  rows: number;
  added: number;
  duplicates: number;
  invalid: CsvProblem[];
}

const MAX_BATCH = 10_000;

/** Registers `numbers`. */
export function numbersCommand(program: Command, ctx: CliContext, setExit: (code: number) => void): void {
  const numbers = program.command('numbers').description('virtual numbers of a pool');
  numbers
    .command('import <csv>')
    .description('add the numbers of a CSV file (column "number", optional "capabilities" and "region") to a pool')
    .requiredOption('-p, --pool <id>', 'the pool to add them to')
    .option('--batch <n>', `numbers per request (1–${MAX_BATCH})`, (v) => parseBatch(v), 5000)
    .option('--no-progress', 'no progress bar')
    .action(async (file: string, o: { pool: string; batch: number; progress: boolean }) => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (err) {
        throw new CliError(`cannot read ${file}: ${(err as Error).message}`, EXIT.usage);
      }
      const { rows, problems } = parseNumbersCsv(text);
      const api = ctx.api();
      const out = ctx.out();
      // Fail before sending anything when the pool is not there.
      await api.request('GET', `/v1/pools/${encodeURIComponent(o.pool)}`);
      const summary: ImportSummary = { poolId: o.pool, rows: rows.length + problems.length, added: 0, duplicates: 0, invalid: [...problems] };
      const bar = o.progress && !out.json && process.stderr.isTTY ? new SingleBar({ format: 'importing [{bar}] {percentage}% | {value}/{total} numbers | {eta_formatted} left', hideCursor: true }) : undefined;
      bar?.start(rows.length, 0);
      try {
        for (let i = 0; i < rows.length; i += o.batch) {
          const batch = rows.slice(i, i + o.batch);
          const { body } = await api.request<AddResult>('POST', `/v1/pools/${encodeURIComponent(o.pool)}/numbers`, { body: { numbers: batch.map(entry) } });
          summary.added += body.added;
          summary.duplicates += body.duplicates;
          for (const bad of body.invalid) summary.invalid.push({ line: (batch[bad.index] as CsvNumber).line, value: bad.value, message: bad.message });
          bar?.update(i + batch.length);
          if (!bar && !out.json && rows.length > o.batch) out.note(`  ${i + batch.length}/${rows.length}`);
        }
      } finally {
        bar?.stop();
      }
      summary.invalid.sort((a, b) => a.line - b.line);
      out.result(summary, () => human(summary));
      if (summary.invalid.length > 0) setExit(EXIT.partial);
    });
}

function parseBatch(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > MAX_BATCH) throw new CliError(`--batch must be 1–${MAX_BATCH}`, EXIT.usage);
  return n;
}

function entry(r: CsvNumber): string | { number: string; capabilities?: ('voice' | 'sms')[]; region?: string } {
  if (!r.capabilities && !r.region) return r.number;
  return { number: r.number, ...(r.capabilities ? { capabilities: r.capabilities } : {}), ...(r.region ? { region: r.region } : {}) };
}

function human(s: ImportSummary): string {
  const lines = [`pool ${s.poolId}: ${s.added} added, ${s.duplicates} duplicates (already in the pool or repeated in the file), ${s.invalid.length} invalid`];
  const shown = s.invalid.slice(0, 50);
  for (const p of shown) lines.push(`  line ${p.line}: ${p.value}: ${p.message}`);
  if (s.invalid.length > shown.length) lines.push(`  … and ${s.invalid.length - shown.length} more (--json lists them all)`);
  return lines.join('\n');
}
