import { useState } from 'preact/hooks';
import { ApiError, roleOf } from '../api';
import type { Session } from '../session-context';

/** Asks for an API key and keeps it once the API accepts it (GET /v1/me); a refusal is said plainly. */
export function SignIn(props: { onSignedIn: (session: Session) => void; notice?: string }) {
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | undefined>(props.notice);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setRefusal(undefined);
    try {
      props.onSignedIn({ key: key.trim(), role: await roleOf(key.trim()) });
    } catch (error) {
      setRefusal(
        error instanceof ApiError && error.status === 401 ? `The API refused this key (${error.message}).` : `Could not sign in: ${(error as Error).message}`,
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="sign-in">
      <h1>partner-program dashboard</h1>
      <form onSubmit={(event) => void submit(event)} aria-describedby="key-help">
        <label for="api-key">API key</label>
        <input id="api-key" name="api-key" type="password" autoComplete="off" required value={key} onInput={(event) => setKey(event.currentTarget.value)} />
        <p id="key-help" class="muted">
          The key stays in this browser tab only (sessionStorage) and is sent with each request.
        </p>
        <button type="submit" disabled={busy || key.trim() === ''}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        {refusal && (
          <p class="error" role="alert">
            {refusal}
          </p>
        )}
      </form>
    </main>
  );
}
