/**
 * A call's recording, played inline. The audio needs the API key, which an
 * <audio src> cannot send: it is fetched with the key (GET /v1/recordings/{callId})
 * and played from a blob: URL (the console's CSP allows media from blob: only).
 * The file is fetched once per call and kept while the tab uses it.
 */
import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { getKey } from '../auth';
import type { Call } from '../api/client';

/** A blob: URL for `blob` while the component shows it; revoked after. */
function useObjectUrl(blob: Blob | undefined): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!blob) return;
    const made = URL.createObjectURL(blob);
    setUrl(made);
    return () => {
      URL.revokeObjectURL(made);
      setUrl(undefined);
    };
  }, [blob]);
  return url;
}

export function Recording({ callId, recording }: { callId: string; recording: NonNullable<Call['recording']> }) {
  const audio = useQuery({
    queryKey: ['recording', callId, recording.id],
    enabled: recording.status === 'ready',
    staleTime: Infinity,
    retry: false,
    queryFn: async () => {
      const res = await fetch(`/v1/recordings/${encodeURIComponent(callId)}`, { headers: { authorization: `Bearer ${getKey() ?? ''}` } });
      if (!res.ok) throw new Error(`The recording could not be read (HTTP ${res.status}).`);
      return res.blob();
    },
  });
  const url = useObjectUrl(audio.data);
  if (recording.status === 'failed') return <p className="recording">Recording failed: {recording.reason ?? 'unknown reason'}</p>;
  const length = recording.durationSeconds === null ? '' : ` (${recording.durationSeconds} s)`;
  return (
    <div className="recording" data-testid="recording">
      {audio.error ? (
        <p role="alert">{audio.error.message}</p>
      ) : url ? (
        <>
          <audio controls preload="metadata" src={url} aria-label={`Recording of call ${callId}${length}`} />
          <a href={url} download={`${callId}.wav`}>
            Download<span className="sr-only"> the recording of call {callId}</span>
          </a>
        </>
      ) : (
        <p className="muted">Loading the recording{length}…</p>
      )}
    </div>
  );
}
