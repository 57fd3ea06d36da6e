/** An error from the API, said plainly (with each field at fault). */
import { ApiError } from '../api/client';

export function Problem({ error, explain }: { error: unknown; explain?: (e: ApiError) => string | undefined }) {
  if (!error) return null;
  const e = error instanceof ApiError ? error : undefined;
  const text = (e && explain?.(e)) ?? (error instanceof Error ? error.message : String(error));
  return (
    <div role="alert" className="problem">
      <strong>{e ? `${e.status} ${e.code}` : 'Error'}:</strong> {text}
      {e && e.details.length > 0 && (
        <ul>
          {e.details.map((d) => (
            <li key={d.field}>
              <code>{d.field}</code>: {d.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
