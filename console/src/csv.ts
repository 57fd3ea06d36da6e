/** Reading a CSV of numbers: the first column of each line, a header line skipped. */

export interface CsvLine {
  /** 1-based line in the file, for the error report. */
  line: number;
  value: string;
}

/**
 * The numbers in a CSV file (first column; quotes removed; blank lines and a
 * header such as `number,country` skipped).
 *
 * @example numbersFromCsv('number\n+14155550100\n') // [{ line: 2, value: '+14155550100' }]
 */
export function numbersFromCsv(text: string): CsvLine[] {
  const out: CsvLine[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const first = (raw.split(',')[0] ?? '').trim().replace(/^"(.*)"$/, '$1').trim();
    if (!first) return;
    if (i === 0 && /^[A-Za-z_ ]+$/.test(first)) return;
    out.push({ line: i + 1, value: first });
  });
  return out;
}
