/** The shell: sign-in gate, navigation, and the page the address names. */
import { useCallback, useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { clearKey, getKey } from './auth';
import { setUnauthorizedHandler } from './api/client';
import { LiveProvider, useLive } from './live';
import { href, useLocation } from './router';
import { SignIn } from './pages/SignIn';
import { Overview } from './pages/Overview';
import { Pools } from './pages/Pools';
import { PoolPage } from './pages/Pool';
import { Sessions } from './pages/Sessions';
import { SessionPage } from './pages/Session';
import { Calls } from './pages/Calls';
import { CallPage } from './pages/Call';
import { Webhooks } from './pages/Webhooks';

const NAV = [
  ['overview', 'Overview'],
  ['pools', 'Pools'],
  ['sessions', 'Sessions'],
  ['calls', 'Calls'],
  ['webhooks', 'Webhooks'],
] as const;

export function App() {
  const [signedIn, setSignedIn] = useState(() => getKey() !== null);
  const qc = useQueryClient();
  const signOut = useCallback(
    (why?: string) => {
      clearKey();
      qc.clear();
      setSignedIn(false);
      if (why) sessionStorage.setItem('masq.signedOutWhy', why);
    },
    [qc],
  );
  useEffect(() => setUnauthorizedHandler(() => signOut('The API refused the key (revoked or mistyped).')), [signOut]);

  if (!signedIn) return <SignIn onSignedIn={() => setSignedIn(true)} />;
  return (
    <LiveProvider>
      <Shell onSignOut={() => signOut()} />
    </LiveProvider>
  );
}

function Shell({ onSignOut }: { onSignOut: () => void }) {
  const { parts } = useLocation();
  const [section = 'overview', id] = parts;
  const { state } = useLive();
  useEffect(() => {
    const name = NAV.find(([k]) => k === section)?.[1] ?? 'Console';
    document.title = `${name} · Masq console`;
  }, [section]);
  return (
    <>
      <a className="skip" href="#main" onClick={(e) => {
        e.preventDefault();
        document.getElementById('main')?.focus();
      }}>
        Skip to content
      </a>
      <header className="top">
        <span className="brand">Masq</span>
        <nav aria-label="Sections">
          <ul>
            {NAV.map(([k, label]) => (
              <li key={k}>
                <a href={href(k)} aria-current={section === k ? 'page' : undefined}>
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <span className={`live ${state}`} role="status">
          {state === 'live' ? 'Live' : state === 'connecting' ? 'Connecting…' : 'Reconnecting…'}
        </span>
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        <Page section={section} id={id} />
      </main>
    </>
  );
}

function Page({ section, id }: { section: string; id: string | undefined }) {
  switch (section) {
    case 'pools':
      return id ? <PoolPage poolId={id} /> : <Pools />;
    case 'sessions':
      return id ? <SessionPage sessionId={id} /> : <Sessions />;
    case 'calls':
      return id ? <CallPage callId={id} /> : <Calls />;
    case 'webhooks':
      return <Webhooks />;
    default:
      return <Overview />;
  }
}
