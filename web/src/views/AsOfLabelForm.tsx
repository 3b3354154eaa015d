import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { LabelId } from '../../../src/drugs/index.js';
import { ErrorBox, today } from './common.js';

// The form the Assessment and Compare tabs share: the day the therapies are weighed as of and the
// label whose wording applies, with the view's own fields before them (the drug, for an assessment)
// and its own buttons after. One component, so the two views ask the same question the same way.

export interface AsOfLabel {
  asOf: string;
  label: LabelId;
}

export function AsOfLabelForm({
  idPrefix,
  class: className,
  submitText,
  errorTitle,
  onSubmit,
  children,
  after,
}: {
  /** Prefixes the fields' ids (`${idPrefix}-asof`, `${idPrefix}-label`): one form per view on a page. */
  idPrefix: string;
  class?: string;
  submitText: string;
  /** The title of the error box when onSubmit fails. */
  errorTitle: string;
  onSubmit: (v: AsOfLabel) => Promise<void>;
  /** The view's own fields, before the date. */
  children?: ComponentChildren;
  /** After the submit button (e.g. Print once there is something to print). */
  after?: ComponentChildren;
}) {
  const [asOf, setAsOf] = useState(today());
  const [label, setLabel] = useState<LabelId>('eu');
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSubmit({ asOf, label });
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <form class={`inline-form${className ? ` ${className}` : ''}`} onSubmit={submit}>
        {children}
        <div>
          <label for={`${idPrefix}-asof`}>As of</label>
          <input id={`${idPrefix}-asof`} type="date" value={asOf} onChange={(e) => setAsOf((e.target as HTMLInputElement).value)} />
        </div>
        <div>
          <label for={`${idPrefix}-label`}>Label</label>
          <select id={`${idPrefix}-label`} value={label} onChange={(e) => setLabel((e.target as HTMLSelectElement).value as LabelId)}>
            <option value="eu">EU (EMA)</option>
            <option value="us">US (FDA)</option>
          </select>
        </div>
        <button type="submit" disabled={busy}>
          {submitText}
        </button>
        {after}
      </form>
      {error && <ErrorBox error={error} title={errorTitle} />}
    </>
  );
}
