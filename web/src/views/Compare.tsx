import { useState } from 'preact/hooks';
import { enc, postJson } from '../api/client.js';
import type { PatientRecord } from '../api/types.js';
import { comparisonRows, type ComparisonRecord } from '../lib/compare.js';
import { href } from '../lib/router.js';
import { IconArray } from './IconArray.js';
import { VerdictBadge, drugName } from './common.js';
import { AsOfLabelForm } from './AsOfLabelForm.js';

// Every therapy side by side for one patient: the answer to "then what?" after a "no". Each row is
// the therapy's own assessment (nothing is stored); the order and its rule come from the server.

const FIT_TEXT = { inside: 'inside', uncertain: 'possibly inside', outside: 'outside' } as const;
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function CompareTab({ record }: { record: PatientRecord }) {
  const [result, setResult] = useState<ComparisonRecord | null>(null);
  return (
    <section aria-labelledby="compare-heading">
      <h2 id="compare-heading">All therapies side by side</h2>
      <AsOfLabelForm
        idPrefix="compare"
        class="no-print"
        submitText="Compare"
        errorTitle="The comparison could not be made"
        onSubmit={async ({ asOf, label }) => setResult(await postJson<ComparisonRecord>(`/api/patients/${enc(record.id)}/comparison`, { asOf, label }))}
        after={
          result && (
            <button type="button" onClick={() => window.print()}>
              Print
            </button>
          )
        }
      />
      {result && <ComparisonView c={result} />}
    </section>
  );
}

function ComparisonView({ c }: { c: ComparisonRecord }) {
  const rows = comparisonRows(c);
  return (
    <article class="comparison" aria-labelledby="comparison-heading">
      <h3 id="comparison-heading">
        Patient {c.patientId}: {rows.length} therapies as of {c.asOf} ({c.label.toUpperCase()} label, record version {c.historyVersion})
      </h3>
      <p class="ordering-rule">{c.orderingRule}</p>
      <table class="comparison-table">
        <caption class="visually-hidden">Each therapy's verdict, fit to its trials, main reasons, key risks and monitoring</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Therapy</th>
            <th scope="col">Verdict</th>
            <th scope="col">Trial boxes</th>
            <th scope="col">Main reasons</th>
            <th scope="col">Key risks per 1,000 patients</th>
            <th scope="col">Monitoring</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.drug} class="comparison-row" data-drug={r.drug}>
              <td>{r.rank}</td>
              <th scope="row">{drugName(r.drug)}</th>
              <td>
                <VerdictBadge verdict={r.verdict} />
              </td>
              <td>
                <ul class="plain">
                  {r.trials.map((t) => (
                    <li key={t.study} class={`fit-${t.fit}`}>
                      {t.study}: {FIT_TEXT[t.fit]}
                    </li>
                  ))}
                </ul>
              </td>
              <td>
                <ul class="plain">
                  {r.reasons.map((m, i) => (
                    <li key={i}>{m}</li>
                  ))}
                  {r.missing.length > 0 && <li class="muted">Missing: {r.missing.join(', ')}</li>}
                </ul>
              </td>
              <td>
                <ul class="plain comparison-risks">
                  {r.estimates.map((k) => (
                    <li key={`estimate-${k.name}`} class="patient-estimate">
                      <IconArray frequency={k.now} name={`${k.name} (this patient's estimate)`} />
                      <span>
                        <strong>This patient: {k.now.text}</strong> get {k.name} ({k.in12Months.text} after 12 more months
                        {k.worstCase ? '; worst case, data missing' : ''})
                      </span>
                    </li>
                  ))}
                  {r.risks.map((k) => (
                    <li key={k.name}>
                      <IconArray frequency={k.perThousand} name={k.name} />
                      <span>
                        <strong>{capital(k.perThousand.text)}</strong>: {k.name}
                        {k.raised ? ' (raised for this patient)' : ''}
                      </span>
                    </li>
                  ))}
                </ul>
              </td>
              <td>{r.monitoring}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted no-print">
        Each therapy in full, with its sources and letter: assess it on the{' '}
        <a href={href({ view: 'patient', id: c.patientId, tab: 'assessment' })}>Assessment</a> tab.
      </p>
    </article>
  );
}
