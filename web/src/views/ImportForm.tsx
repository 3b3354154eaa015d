import { useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, postJson, putJson, enc } from '../api/client.js';
import type { PatientRecord } from '../api/types.js';
import { issueMessage, placeIssues, type PlacedIssue } from '../lib/issue-placement.js';
import type { Span } from '../lib/json-locate.js';

export function ImportForm({ onImported }: { onImported: (id: string) => void }) {
  const [text, setText] = useState('');
  const [replaceId, setReplaceId] = useState('');
  const [issues, setIssues] = useState<PlacedIssue[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [submitted, setSubmitted] = useState('');
  const area = useRef<HTMLTextAreaElement>(null);

  async function readFile(e: Event) {
    const f = (e.target as HTMLInputElement).files?.[0];
    if (f) setText(await f.text());
  }

  async function submit(e: Event) {
    e.preventDefault();
    setIssues(null);
    setError(null);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      setError(`This is not JSON: ${(err as Error).message}`);
      return;
    }
    setBusy(true);
    setSubmitted(text);
    try {
      // A record pasted here can be fixed here: every problem is shown at its line (strict), where an
      // EHR's integration gets the readable rest of the record and the report of what was left out.
      const rec = replaceId.trim()
        ? await putJson<PatientRecord>(`/api/patients/${enc(replaceId.trim())}?strict=true`, json)
        : await postJson<PatientRecord>('/api/patients?strict=true', json);
      setText('');
      onImported(rec.id);
    } catch (err) {
      if (err instanceof ApiError && err.status === 400) setIssues(placeIssues(text, err.issues));
      else setError(err instanceof ApiError ? `${err.status}: ${err.message}` : (err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  function goTo(span: Span) {
    const a = area.current;
    if (!a) return;
    a.focus();
    a.setSelectionRange(span.start, span.end);
  }

  // The submitted text, line by line, with each problem shown under the line of its field.
  const annotated = useMemo(() => {
    if (!issues) return null;
    const lines = submitted.split('\n');
    const byLine = new Map<number, PlacedIssue[]>();
    const unplaced: PlacedIssue[] = [];
    for (const p of issues) {
      if (p.span) byLine.set(p.span.line, [...(byLine.get(p.span.line) ?? []), p]);
      else unplaced.push(p);
    }
    return { lines, byLine, unplaced };
  }, [issues, submitted]);

  return (
    <section aria-labelledby="import-heading" class="import">
      <h2 id="import-heading">Import a history</h2>
      <form onSubmit={submit} noValidate>
        <p id="import-help" class="muted">
          Paste a Fulcrum history (JSON, format version 1) or a FHIR R4 Bundle, or choose a file. Problems are shown at the field they concern.
        </p>
        <label for="import-file">History file</label>
        <input id="import-file" type="file" accept=".json,application/json,application/fhir+json" onChange={readFile} />
        <label for="import-text">History JSON or FHIR Bundle</label>
        <textarea
          id="import-text"
          ref={area}
          rows={10}
          spellcheck={false}
          value={text}
          aria-describedby={issues || error ? 'import-help import-problems' : 'import-help'}
          aria-invalid={issues || error ? 'true' : undefined}
          onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
        />
        <label for="import-replace">Replace the history of patient (optional, creates a new version)</label>
        <input id="import-replace" type="text" value={replaceId} onInput={(e) => setReplaceId((e.target as HTMLInputElement).value)} />
        <button type="submit" disabled={busy || !text.trim()}>
          {replaceId.trim() ? 'Save new version' : 'Import'}
        </button>
      </form>
      <div id="import-problems">
        {error && (
          <p class="error-box" role="alert">
            {error}
          </p>
        )}
        {issues && annotated && (
          <div class="error-box" role="alert">
            <p>
              <strong>
                The history was not imported: {issues.length} problem{issues.length === 1 ? '' : 's'}.
              </strong>{' '}
              Nothing was stored.
            </p>
            <ul class="issue-list">
              {issues.map((p, i) => (
                <li key={i}>
                  {p.span ? (
                    <button type="button" class="link-button" onClick={() => goTo(p.span!)}>
                      <code>{p.path}</code>
                    </button>
                  ) : (
                    <code>{p.path}</code>
                  )}
                  : {issueMessage(p.issue)}
                  {p.span ? ` (line ${p.span.line + 1}${p.atParent ? ', the field is absent here' : ''})` : ''}
                </li>
              ))}
            </ul>
          </div>
        )}
        {annotated && annotated.byLine.size > 0 && (
          <figure class="annotated">
            <figcaption id="annotated-caption">The submitted document with each problem under its field</figcaption>
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region takes keyboard focus (WCAG 2.1.1) */}
            <pre tabIndex={0} role="region" aria-labelledby="annotated-caption">
              {annotated.lines.map((line, n) => {
                const here = annotated.byLine.get(n);
                return (
                  <>
                    <span class={here ? 'line line-invalid' : 'line'} key={n}>
                      <span class="line-no" aria-hidden="true">
                        {String(n + 1).padStart(4)}
                      </span>
                      {line}
                    </span>
                    {here?.map((p, i) => (
                      <span class="line-issue" key={`${n}-${i}`} data-path={p.path}>
                        {'     ↳ '}
                        {p.path}: {issueMessage(p.issue)}
                      </span>
                    ))}
                  </>
                );
              })}
            </pre>
          </figure>
        )}
      </div>
    </section>
  );
}
