/** Sign-in with an API key, checked against the API before it is kept (for this tab only). */
import { useState, type FormEvent } from 'react';
import { setKey } from '../auth';

export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [key, setKeyText] = useState('');
  const [error, setError] = useState<string | null>(() => {
    const why = sessionStorage.getItem('masq.signedOutWhy');
    sessionStorage.removeItem('masq.signedOutWhy');
    return why;
  });
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      // Any keyed route tells whether the key is good; this one is cheap.
      const res = await fetch('/v1/webhooks/stats', { headers: { authorization: `Bearer ${key.trim()}` } });
      if (res.status === 401) setError('That key was refused.');
      else if (!res.ok) setError(`The API answered ${res.status}; try again.`);
      else {
        setKey(key.trim());
        onSignedIn();
      }
    } catch {
      setError('The API did not answer.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="signin" id="main">
      <h1>Masq console</h1>
      <form onSubmit={submit}>
        <label htmlFor="key">API key</label>
        <input id="key" name="key" type="password" autoComplete="off" required value={key} onChange={(e) => setKeyText(e.target.value)} />
        <p className="hint">Kept in this browser tab only, until you sign out or close it.</p>
        {error && (
          <p role="alert" className="problem">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
