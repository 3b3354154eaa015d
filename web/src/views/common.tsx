import type { ComponentChildren } from 'preact';
import { ApiError } from '../api/client.js';
import type { Drug, OperationOutcomeIssue, Verdict } from '../api/types.js';
import { DRUGS as REGISTRY } from '../../../src/drugs/index.js';
import type { Load } from '../hooks.js';

export const VERDICT_TEXT: Record<Verdict, string> = {
  offer: 'Offer',
  'offer-with-caution': 'Offer with caution',
  'insufficient-data': 'Insufficient data',
  'advise-against': 'Advise against',
  contraindicated: 'Contraindicated',
  'not-applicable': 'Not applicable: no MS diagnosis recorded',
};

/** The therapy's name as the registry writes it ("aHSCT", "Natalizumab"), not its id. */
export function drugName(drug: Drug): string {
  return REGISTRY[drug].name;
}

/** The name inside a sentence ("treated with natalizumab", "with aHSCT"): the registry's name, first letter lower case. */
export function drugWord(drug: Drug): string {
  const name = REGISTRY[drug].name;
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** The name with the MS product's brands, as prescribers know them: "Natalizumab (Tysabri, Tyruko)". */
export function drugNameWithBrands(drug: Drug): string {
  const { name, brands } = REGISTRY[drug];
  return brands.length ? `${name} (${brands.join(', ')})` : name;
}

export function VerdictBadge({ verdict, drug }: { verdict: Verdict; drug?: string }) {
  return (
    <span class={`badge verdict-${verdict}`}>
      {drug ? <span class="badge-drug">{drug}: </span> : null}
      {VERDICT_TEXT[verdict] ?? verdict}
    </span>
  );
}

export function StatusBadge({ status, children }: { status: string; children?: ComponentChildren }) {
  return <span class={`badge status-${status}`}>{children ?? status}</span>;
}

export function ErrorBox({ error, title }: { error: Error; title?: string }) {
  const issues: OperationOutcomeIssue[] = error instanceof ApiError ? error.issues : [{ severity: 'error', code: 'exception', diagnostics: error.message }];
  return (
    <div class="error-box" role="alert">
      <strong>{title ?? 'Something went wrong'}</strong>
      <ul>
        {issues.map((i, n) => (
          <li key={n}>
            {i.expression?.length ? <code>{i.expression.join(', ')}</code> : null} {i.diagnostics ?? i.code}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Renders a load: a polite progress message, the server's error, or the content. */
export function Loaded<T>({ load, children, what }: { load: Load<T>; children: (data: T) => ComponentChildren; what: string }) {
  if (load.state === 'loading')
    return (
      <p role="status" class="muted">
        Loading {what}…
      </p>
    );
  if (load.state === 'error') return <ErrorBox error={load.error} title={`Could not load ${what}`} />;
  return <>{children(load.data)}</>;
}

export function Sources({ sources }: { sources: string[] }) {
  if (!sources.length) return null;
  return (
    <span class="sources">
      {' '}
      Sources:{' '}
      {sources.map((s, i) => (
        <>
          {i > 0 ? ', ' : ''}
          <cite key={s}>{s}</cite>
        </>
      ))}
    </span>
  );
}

export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
