/**
 * How the CLI prints: aligned columns for people, one JSON document (or JSON
 * lines for streams) with `--json` for scripts. Data goes to stdout; progress and
 * messages to stderr, so a pipe gets only data.
 */

/** Where and how a command writes its results. */
export interface Output {
  readonly json: boolean;
  /** A result: JSON as is, or `human` for people. */
  result(value: unknown, human?: () => string): void;
  /** A table of rows (JSON: the array). */
  table<T>(rows: T[], columns: Column<T>[]): void;
  /** A note for people (stderr; silent with --json). */
  note(text: string): void;
}

/** One column of a table: its header and how a row gives its cell. */
export interface Column<T> {
  header: string;
  value: (row: T) => string | number | boolean | null | undefined;
}

/** Lays out rows under headers, each column as wide as its widest cell. */
export function formatTable<T>(rows: T[], columns: Column<T>[]): string {
  const cells = rows.map((r) => columns.map((c) => String(c.value(r) ?? '-')));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((row) => (row[i] ?? '').length)));
  const line = (vals: string[]) => vals.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(columns.map((c) => c.header.toUpperCase())), ...cells.map(line)].join('\n');
}

/** The Output for `--json` or not, writing to the given streams. */
export function createOutput(json: boolean, out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Output {
  return {
    json,
    result(value, human) {
      if (json || !human) out.write(`${JSON.stringify(value, null, json ? 0 : 2)}\n`);
      else out.write(`${human()}\n`);
    },
    table(rows, columns) {
      if (json) out.write(`${JSON.stringify(rows)}\n`);
      else out.write(`${rows.length ? formatTable(rows, columns) : '(none)'}\n`);
    },
    note(text) {
      if (!json) err.write(`${text}\n`);
    },
  };
}
