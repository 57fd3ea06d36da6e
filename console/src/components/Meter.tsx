/** A stacked bar of parts of a whole (pool utilisation), with the figures as text. */
export interface Part {
  label: string;
  value: number;
  className: string;
}

export function Stack({ parts, label }: { parts: Part[]; label: string }) {
  const total = parts.reduce((a, p) => a + p.value, 0) || 1;
  return (
    <div className="stack-wrap">
      <div className="stack" role="img" aria-label={`${label}: ${parts.map((p) => `${p.value} ${p.label}`).join(', ')}`}>
        {parts.map((p) => (
          <span key={p.label} className={p.className} style={{ width: `${(100 * p.value) / total}%` }} />
        ))}
      </div>
      <ul className="legend">
        {parts.map((p) => (
          <li key={p.label}>
            <span className={`swatch ${p.className}`} aria-hidden="true" /> {p.label} <b>{p.value}</b>
          </li>
        ))}
      </ul>
    </div>
  );
}
