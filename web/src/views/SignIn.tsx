import { useState } from 'preact/hooks';
import { clearToken, getJson, setToken } from '../api/client.js';
import type { Me } from '../app.js';

export function SignIn({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [token, setTokenText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    const t = token.trim();
    if (!t) {
      setError('Paste your access token first.');
      return;
    }
    setBusy(true);
    setToken(t);
    try {
      onSignedIn(await getJson<Me>('/api/me'));
    } catch {
      clearToken();
      setError('That token was not accepted. Ask an administrator for a new one (fulcrum token issue).');
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" class="sign-in">
      <h1>Sign in to Fulcrum</h1>
      <form onSubmit={submit} noValidate>
        <label for="token">Access token</label>
        <p id="token-help" class="muted">
          Paste the bearer token you were issued. It is kept only for this browser tab.
        </p>
        <input
          id="token"
          name="token"
          type="password"
          autoComplete="off"
          value={token}
          aria-describedby={error ? 'token-help token-error' : 'token-help'}
          aria-invalid={error ? 'true' : undefined}
          onInput={(e) => setTokenText((e.target as HTMLInputElement).value)}
        />
        {error && (
          <p id="token-error" class="field-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
    </main>
  );
}
