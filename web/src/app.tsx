import { useEffect, useState } from 'preact/hooks';
import { clearToken, getJson, getToken, onUnauthorised } from './api/client.js';
import { useHash } from './hooks.js';
import { href, parseRoute } from './lib/router.js';
import { SignIn } from './views/SignIn.js';
import { Patients } from './views/Patients.js';
import { PatientView } from './views/Patient.js';
import { LetterView } from './views/Letter.js';
import { Worklist } from './views/Worklist.js';

export interface Me {
  name: string;
  role: string;
}

export function App() {
  const [me, setMe] = useState<Me | null>(null);
  const [checking, setChecking] = useState(Boolean(getToken()));
  const hash = useHash();
  const route = parseRoute(hash);

  useEffect(() => {
    if (!getToken()) return;
    getJson<Me>('/api/me').then(
      (m) => {
        setMe(m);
        setChecking(false);
      },
      () => {
        clearToken();
        setChecking(false);
      },
    );
  }, []);
  useEffect(
    () =>
      onUnauthorised(() => {
        clearToken();
        setMe(null);
      }),
    [],
  );
  // Moving to another page puts the reader at its heading, as a page load would.
  useEffect(() => {
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [hash]);

  if (!me && !checking) return <SignIn onSignedIn={setMe} />;
  // While the token is being checked the page is already built with it; a refused token returns here
  // to sign-in. Role-dependent forms appear once the role is known.
  const who: Me = me ?? { name: '', role: '' };

  return (
    <>
      <a
        class="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to content
      </a>
      <header class="app-header no-print">
        <span class="brand">Fulcrum</span>
        <nav aria-label="Main">
          <a href={href({ view: 'patients' })} aria-current={route.view === 'patients' || route.view === 'patient' ? 'page' : undefined}>
            Patients
          </a>
          <a href={href({ view: 'worklist' })} aria-current={route.view === 'worklist' ? 'page' : undefined}>
            Monitoring worklist
          </a>
        </nav>
        <span class="whoami">
          {me ? (
            <>
              {me.name} <span class="muted">({me.role})</span>
            </>
          ) : null}
          <button
            type="button"
            class="link-button"
            onClick={() => {
              clearToken();
              setMe(null);
            }}
          >
            Sign out
          </button>
        </span>
      </header>
      <main id="main" tabIndex={-1}>
        {route.view === 'patients' && <Patients />}
        {route.view === 'worklist' && <Worklist />}
        {route.view === 'patient' && <PatientView key={route.id} id={route.id} tab={route.tab} assessmentId={route.assessmentId} me={who} />}
        {route.view === 'letter' && <LetterView assessmentId={route.assessmentId} patientId={route.patientId} />}
        {route.view === 'not-found' && (
          <>
            <h1 tabIndex={-1}>Page not found</h1>
            <p>
              There is no page at <code>{route.path}</code>. <a href={href({ view: 'patients' })}>Go to the patient list</a>.
            </p>
          </>
        )}
      </main>
    </>
  );
}
