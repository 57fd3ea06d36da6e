/**
 * CSV import: numbers go up in batches, a progress bar follows them, and each
 * refused line is reported with its line number and the API's reason.
 */
import { useState } from 'react';
import { api, ok } from '../api/client';
import { numbersFromCsv } from '../csv';
import { Problem } from '../components/Problem';

const BATCH = 500;

interface Report {
  added: number;
  duplicates: number;
  invalid: { line: number; value: string; message: string }[];
}

export function ImportCsv({ poolId, onDone }: { poolId: string; onDone: () => Promise<void> }) {
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<unknown>(null);

  const run = async (file: File) => {
    setReport(null);
    setError(null);
    const lines = numbersFromCsv(await file.text());
    const out: Report = { added: 0, duplicates: 0, invalid: [] };
    setProgress({ done: 0, total: lines.length });
    try {
      for (let i = 0; i < lines.length; i += BATCH) {
        const batch = lines.slice(i, i + BATCH);
        const r = await ok(api.POST('/v1/pools/{poolId}/numbers', { params: { path: { poolId } }, body: { numbers: batch.map((l) => l.value) } }));
        out.added += r.added;
        out.duplicates += r.duplicates;
        for (const bad of r.invalid) out.invalid.push({ line: batch[bad.index]?.line ?? 0, value: bad.value, message: bad.message });
        setProgress({ done: Math.min(lines.length, i + BATCH), total: lines.length });
      }
    } catch (e) {
      setError(e);
    }
    setReport(out);
    await onDone();
  };

  return (
    <section aria-labelledby="import">
      <h2 id="import">Import numbers from CSV</h2>
      <label className="inline">
        CSV file (one number per line, first column)
        <input
          type="file"
          accept=".csv,text/csv,text/plain"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void run(f);
            e.target.value = '';
          }}
        />
      </label>
      {progress && (
        <p>
          <progress max={progress.total || 1} value={progress.done} aria-label="Import progress" /> {progress.done} / {progress.total} lines
        </p>
      )}
      <Problem error={error} />
      {report && (
        <div role="status" className="report">
          <p>
            Imported <b>{report.added}</b> numbers, {report.duplicates} already present, {report.invalid.length} refused.
          </p>
          {report.invalid.length > 0 && (
            <table>
              <caption>Refused lines</caption>
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Value</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {report.invalid.map((b) => (
                  <tr key={`${b.line}-${b.value}`}>
                    <td>{b.line}</td>
                    <td>
                      <code>{b.value}</code>
                    </td>
                    <td>{b.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}
