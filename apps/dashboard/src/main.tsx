import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, roleOf } from './api';
import { BadgesPage } from './pages/badges';
import { PartnerPage } from './pages/partner';
import { PartnersPage } from './pages/partners';
import { ProgrammePage } from './pages/programme';
import { SignIn } from './pages/sign-in';
import { may } from './roles';
import { type Route, useRoute } from './route';
import { forgetKey, storeKey, storedKey } from './session';
import { type Session, SessionContext } from './session-context';
import './styles.css';

function App() {
  const [session, setSession] = useState<Session | null>(null);
  const [restoring, setRestoring] = useState(() => storedKey() !== null);
  const [notice, setNotice] = useState<string>();

  // A reload keeps the tab's key: ask the API its role again (the key may have been revoked).
  useEffect(() => {
    const key = storedKey();
    if (!key) return;
    roleOf(key)
      .then(
        (role) => setSession({ key, role }),
        (error: unknown) => {
          forgetKey();
          setNotice(error instanceof ApiError && error.status === 401 ? 'The API no longer accepts the key of this tab: sign in again.' : undefined);
        },
      )
      .finally(() => setRestoring(false));
  }, []);

  if (restoring)
    return (
      <p class="loading" role="status">
        Signing in…
      </p>
    );
  if (!session)
    return (
      <SignIn
        notice={notice}
        onSignedIn={(next) => {
          storeKey(next.key);
          setSession(next);
        }}
      />
    );
  return (
    <SessionContext.Provider value={session}>
      <Shell
        onSignOut={() => {
          forgetKey();
          setSession(null);
        }}
      />
    </SessionContext.Provider>
  );
}

function Shell(props: { onSignOut: () => void }) {
  const route = useRoute();
  const main = useRef<HTMLElement>(null);
  // A new page moves the focus to its content, as a page load would, for keyboard and screen-reader users.
  useEffect(() => main.current?.focus(), [route]);
  return (
    <>
      <header class="top">
        <nav aria-label="Dashboard">
          <a href="#/" aria-current={route.page === 'programme' ? 'page' : undefined}>
            Programme
          </a>
          <a href="#/partners" aria-current={route.page === 'partners' || route.page === 'partner' ? 'page' : undefined}>
            Partners
          </a>
          <a href="#/badges" aria-current={route.page === 'badges' ? 'page' : undefined}>
            Badges
          </a>
        </nav>
        <PartnerSearch />
        <SessionBadge onSignOut={props.onSignOut} />
      </header>
      <main ref={main} tabIndex={-1}>
        <Page route={route} />
      </main>
    </>
  );
}

function Page(props: { route: Route }) {
  const { route } = props;
  switch (route.page) {
    case 'programme':
      return <ProgrammePage />;
    case 'partners':
      return <PartnersPage area={route.area} tier={route.tier} />;
    case 'partner':
      return <PartnerPage partnerId={route.partnerId} />;
    case 'badges':
      return <BadgesPage />;
  }
}

function PartnerSearch() {
  const [partnerId, setPartnerId] = useState('');
  return (
    <form
      class="search"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        if (partnerId.trim()) location.hash = `#/partners/${encodeURIComponent(partnerId.trim())}`;
      }}
    >
      <label for="partner-search">Partner id</label>
      <input id="partner-search" value={partnerId} placeholder="P-000007" onInput={(event) => setPartnerId(event.currentTarget.value)} />
      <button type="submit">Open</button>
    </form>
  );
}

function SessionBadge(props: { onSignOut: () => void }) {
  return (
    <SessionContext.Consumer>
      {(session) => (
        <div class="session">
          <span>
            Signed in as <strong data-testid="role">{session.role}</strong>
          </span>
          {!may(session.role, 'reader') && !may(session.role, 'notifier') && <span class="muted"> (this key may not read the programme)</span>}
          <button type="button" onClick={props.onSignOut}>
            Sign out
          </button>
        </div>
      )}
    </SessionContext.Consumer>
  );
}

const root = document.getElementById('app')!;
// The page's "Loading the dashboard…" placeholder goes: Preact renders beside what it did not create.
root.replaceChildren();
render(<App />, root);
