/**
 * Reads the numbers CSV for `masq numbers import`: one number per row, with
 * optional `capabilities` (voice and/or sms, separated by `;` or `|`) and
 * `region` columns. A header row naming a `number` column is recognised;
 * without one the first column is the number. Quoted fields ("…", "" for a
 * quote) are understood; blank lines and lines starting with `#` are skipped.
 */

/** One row to import, with the line it came from (1-based, as an editor shows it). */
export interface CsvNumber {
  line: number;
  number: string;
  capabilities?: ('voice' | 'sms')[];
  region?: string;
}

/** A row the file itself makes unusable (the API judges the numbers). */
export interface CsvProblem {
  line: number;
  value: string;
  message: string;
}

/** Splits one CSV line into fields. */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

/**
 * Parses the whole file.
 *
 * @example parseNumbersCsv('number,region\n+12025550100,DC\n') // rows: [{ line: 2, number: '+12025550100', region: 'DC' }]
 */
export function parseNumbersCsv(text: string): { rows: CsvNumber[]; problems: CsvProblem[] } {
  const lines = text.split(/\r?\n/);
  const rows: CsvNumber[] = [];
  const problems: CsvProblem[] = [];
  let cols = { number: 0, capabilities: -1, region: -1 };
  lines.forEach((raw, i) => {
    const line = i + 1;
    const text = i === 0 ? raw.replace(/^\uFEFF/, '') : raw;
    if (!text.trim() || text.trimStart().startsWith('#')) return;
    const fields = splitCsvLine(text);
    const lower = fields.map((f) => f.toLowerCase());
    if (rows.length === 0 && problems.length === 0 && lower.includes('number')) {
      cols = { number: lower.indexOf('number'), capabilities: lower.indexOf('capabilities'), region: lower.indexOf('region') };
      return;
    }
    const number = fields[cols.number] ?? '';
    if (!number) {
      problems.push({ line, value: text.slice(0, 64), message: 'no number in this row' });
      return;
    }
    const row: CsvNumber = { line, number };
    const caps = cols.capabilities >= 0 ? (fields[cols.capabilities] ?? '') : '';
    if (caps) {
      const list = caps.split(/[;|]/).map((c) => c.trim().toLowerCase()).filter(Boolean);
      const bad = list.find((c) => c !== 'voice' && c !== 'sms');
      if (bad) {
        problems.push({ line, value: number, message: `unknown capability '${bad}' (voice, sms)` });
        return;
      }
      row.capabilities = list as ('voice' | 'sms')[];
    }
    const region = cols.region >= 0 ? (fields[cols.region] ?? '') : '';
    if (region) row.region = region;
    rows.push(row);
  });
  return { rows, problems };
}
