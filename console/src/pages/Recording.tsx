/**
 * A call's recording, played inline. The audio needs the API key, which an
 * <audio src> cannot send: it is fetched with the key and played from a blob: URL.
 */
import { useEffect, useState } from 'react';
import { getKey } from '../auth';
import type { Call } from '../api/client';

export function Recording({ callId, recording }: { callId: string; recording: NonNullable<Call['recording']> }) {
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [load, setLoad] = useState(false);
  useEffect(() => {
    if (!load) return;
    let made: string | undefined;
    void (async () => {
      const res = await fetch(`/v1/recordings/${encodeURIComponent(callId)}`, { headers: { authorization: `Bearer ${getKey() ?? ''}` } });
      if (!res.ok) return setError(`the recording could not be read (${res.status})`);
      made = URL.createObjectURL(await res.blob());
      setUrl(made);
    })();
    return () => {
      if (made) URL.revokeObjectURL(made);
    };
  }, [load, callId]);
  if (recording.status === 'failed') return <p>Recording failed: {recording.reason ?? 'unknown reason'}</p>;
  return (
    <div className="recording">
      {url ? (
        <audio controls src={url} aria-label="Call recording" />
      ) : (
        <button type="button" onClick={() => setLoad(true)}>
          Play recording ({recording.durationSeconds ?? '?'} s)
        </button>
      )}
      {error && <p role="alert">{error}</p>}
    </div>
  );
}
