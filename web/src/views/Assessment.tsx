import { useState } from 'preact/hooks';
import { ApiError, enc, getJson, postJson } from '../api/client.js';
import {
  DRUGS,
  type Assessment,
  type AssessmentRecord,
  type Decision,
  type Drug,
  type PatientRecord,
  type Protocol,
  type Tipping,
  type Weights,
} from '../api/types.js';
import type { Me } from '../app.js';
import { useLoad } from '../hooks.js';
import { href } from '../lib/router.js';
import { orderReasons, weigh } from '../lib/scale.js';
import { ErrorBox, Loaded, Sources, StatusBadge, VERDICT_TEXT, VerdictBadge, drugName, drugNameWithBrands, drugWord } from './common.js';
import { AsOfLabelForm } from './AsOfLabelForm.js';
import { ScaleContents, ScaleLegend, ScalePicture, TiltRule } from './Scale.js';
import { IconArray, RiskPictures } from './IconArray.js';
import { frequencyOf } from '../lib/frequency.js';
import { EvidenceMap } from './EvidenceMap.js';

const canAssess = (role: string) => role === 'clinician' || role === 'admin';

export function AssessmentTab({ record, assessmentId, me }: { record: PatientRecord; assessmentId?: string; me: Me }) {
  const [list, reload] = useLoad(() => getJson<{ items: AssessmentRecord[] }>(`/api/patients/${enc(record.id)}/assessments`), [record.id]);
  return (
    <section aria-labelledby="assessment-heading">
      <h2 id="assessment-heading">Assessment</h2>
      {canAssess(me.role) && (
        <NewAssessment
          patientId={record.id}
          onDone={(a) => {
            reload();
            location.hash = href({ view: 'patient', id: record.id, tab: 'assessment', assessmentId: a.id });
          }}
        />
      )}
      <Loaded load={list} what="assessments">
        {({ items }) => {
          if (items.length === 0) return <p>No assessment yet.</p>;
          const current = items.find((a) => a.id === assessmentId) ?? items[0]!;
          return (
            <>
              {items.length > 1 && (
                <nav aria-label="Earlier assessments" class="assessment-list">
                  <h3>All assessments</h3>
                  <ul>
                    {items.map((a) => (
                      <li key={a.id}>
                        <a
                          href={href({ view: 'patient', id: record.id, tab: 'assessment', assessmentId: a.id })}
                          aria-current={a.id === current.id ? 'true' : undefined}
                        >
                          {drugName(a.drug)}, as of {a.asOf} ({a.label.toUpperCase()} label)
                        </a>{' '}
                        <VerdictBadge verdict={a.result.verdict} />
                      </li>
                    ))}
                  </ul>
                </nav>
              )}
              <AssessmentView key={current.id} rec={current} me={me} />
            </>
          );
        }}
      </Loaded>
    </section>
  );
}

function NewAssessment({ patientId, onDone }: { patientId: string; onDone: (a: AssessmentRecord) => void }) {
  const [drug, setDrug] = useState<Drug>('alemtuzumab');
  return (
    <AsOfLabelForm
      idPrefix="assess"
      class="new-assessment"
      submitText="Assess"
      errorTitle="The assessment could not be made"
      onSubmit={async ({ asOf, label }) => onDone(await postJson<AssessmentRecord>(`/api/patients/${enc(patientId)}/assessments`, { drug, asOf, label }))}
    >
      <div>
        <label for="assess-drug">Drug</label>
        <select id="assess-drug" value={drug} onChange={(e) => setDrug((e.target as HTMLSelectElement).value as Drug)}>
          {DRUGS.map((d) => (
            <option key={d} value={d}>
              {drugNameWithBrands(d)}
            </option>
          ))}
        </select>
      </div>
    </AsOfLabelForm>
  );
}

const EFFECT_TEXT = { contraindication: 'Contraindication', against: 'Against', caution: 'Caution', for: 'For', 'not-applicable': 'Not applicable' } as const;
const CRITERION_MARK = { met: '✓', unmet: '✗', unknown: '?' } as const;

/** A patient outside Fulcrum's purpose: said plainly, with nothing weighed, no checks and no letter. */
function NotApplicableView({ rec }: { rec: AssessmentRecord }) {
  const a = rec.result;
  return (
    <article class="assessment" aria-labelledby="verdict-heading">
      <header class={`verdict-banner verdict-${a.verdict}`}>
        <h3 id="verdict-heading">
          {drugName(a.drug)}: <VerdictBadge verdict={a.verdict} />
        </h3>
        <p class="muted">
          As of {a.asOf} · {rec.label.toUpperCase()} label · rules {a.rulesetVersion} · record version {rec.historyVersion} · by {rec.createdBy}
        </p>
      </header>
      <section aria-labelledby="not-applicable-heading">
        <h4 id="not-applicable-heading">Not assessed</h4>
        {a.reasons.map((r) => (
          <p key={r.code} class="reason-message">
            {r.message}
          </p>
        ))}
        <p>Fulcrum weighs these drugs for multiple sclerosis only. Record the MS diagnosis (its date, or the course) to have the drug assessed.</p>
      </section>
    </article>
  );
}

function AssessmentView({ rec, me }: { rec: AssessmentRecord; me: Me }) {
  const a = rec.result;
  if (a.verdict === 'not-applicable') return <NotApplicableView rec={rec} />;
  const s = weigh(a);
  return (
    <article class="assessment" aria-labelledby="verdict-heading">
      <header class={`verdict-banner verdict-${a.verdict}`}>
        <h3 id="verdict-heading">
          {drugName(a.drug)}: <VerdictBadge verdict={a.verdict} />
        </h3>
        <p class="muted">
          As of {a.asOf} · {rec.label.toUpperCase()} label · rules {a.rulesetVersion} · record version {rec.historyVersion} · by {rec.createdBy}
        </p>
        <p class="no-print">
          <a href={href({ view: 'letter', assessmentId: rec.id, patientId: rec.patientId })}>Patient letter (print or PDF)</a>
        </p>
      </header>

      <Tipped tipping={a.tipping} verdict={VERDICT_TEXT[a.verdict]} />

      <div class="scale-and-reasons">
        <figure class="scale-figure">
          <ScalePicture scale={s} />
          <ScaleLegend />
          <figcaption>
            <TiltRule scale={s} />
          </figcaption>
        </figure>
        <section aria-labelledby="reasons-heading">
          <h4 id="reasons-heading">Reasons</h4>
          {a.reasons.length === 0 ? (
            <p>No reasons were given.</p>
          ) : (
            <ul class="reasons">
              {orderReasons(a.reasons, s.tipping).map((r) => (
                <li key={r.code} class={`reason effect-${r.effect}${s.tipping.has(r.code) ? ' tipping' : ''}`}>
                  <span class={`badge effect-${r.effect}`}>{EFFECT_TEXT[r.effect] ?? r.effect}</span>
                  {s.tipping.has(r.code) && <strong class="tipping-tag"> Tipping reason</strong>} <span class="reason-message">{r.message}</span>{' '}
                  <code class="muted">{r.code}</code>
                  <Sources sources={r.sources} />
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <ScaleContents scale={s} />
      <RiskPictures
        risks={s.risks.filter((x) => x.kind === 'label-risk')}
        heading="How often the drug's main risks happen"
        intro="Each figure is one person treated; the coloured ones get the risk. From the frequencies weighed above."
      />
      <PatientRiskEstimates risks={a.risks} />
      <Weights weights={a.weights} />
      <ProtocolFit protocol={a.protocol} />

      <section aria-labelledby="evidence-heading">
        <h4 id="evidence-heading">The patient against each trial's eligibility</h4>
        <EvidenceMap assessment={a} />
        <div class="evidence-grid">
          {a.evidenceBase.map((box) => (
            <section key={box.study} class={`evidence fit-${box.fit}`} aria-label={`${box.study}: ${box.fit} the trial's population`}>
              <h5>
                {box.study}{' '}
                <StatusBadge status={box.fit}>{box.fit === 'inside' ? 'inside the box' : box.fit === 'outside' ? 'outside the box' : 'uncertain'}</StatusBadge>
              </h5>
              <ul>
                {box.criteria.map((c) => (
                  <li key={c.id} class={`criterion criterion-${c.status}`}>
                    <span class="mark" aria-hidden="true">
                      {CRITERION_MARK[c.status]}
                    </span>
                    <span class="visually-hidden">{c.status}: </span>
                    <strong>{c.id}</strong> — {c.detail}
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      </section>

      {(a.unrecognised?.length ?? 0) + (a.notWeighed?.length ?? 0) > 0 && (
        <section aria-labelledby="review-heading" class="review">
          <h4 id="review-heading">Not recognised: review before deciding</h4>
          <p>No rule looked at these problems of the record; they changed no verdict.</p>
          <ul>
            {(a.unrecognised ?? []).map((u, i) => (
              <li key={`u${i}`}>
                {u.display || 'a problem without display'}
                {u.code && (
                  <>
                    {' '}
                    <code>{u.code}</code>
                  </>
                )}
              </li>
            ))}
            {(a.notWeighed ?? []).map((n) => (
              <li key={n.condition}>
                <code>{n.condition}</code>
                {n.status === 'resolved' ? ' (past)' : ''}: recorded, no {drugWord(a.drug)} rule weighs it
              </li>
            ))}
          </ul>
        </section>
      )}

      <div class="two-col">
        <section aria-labelledby="missing-heading">
          <h4 id="missing-heading">Missing data</h4>
          {a.missing.length === 0 ? (
            <p>Nothing the rules need is missing.</p>
          ) : (
            <ul>
              {a.missing.map((m) => (
                <li key={m.field}>
                  <code>{m.field}</code>: {m.why}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="checks-heading">
          <h4 id="checks-heading">Pre-treatment checks</h4>
          {a.checks.length === 0 ? (
            <p>No checks listed.</p>
          ) : (
            <ul class="checks">
              {a.checks.map((c) => (
                <li key={c.id}>
                  <StatusBadge status={c.status} /> <strong>{c.id}</strong>: {c.detail}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <Decisions rec={rec} me={me} />
    </article>
  );
}

function Weights({ weights }: { weights: Weights | undefined }) {
  if (!weights) return null;
  return (
    <section aria-labelledby="weights-heading" class="weights">
      <h4 id="weights-heading">What was weighed</h4>
      <div class="two-col">
        <table>
          <caption>Expected benefit, from the trials</caption>
          <thead>
            <tr>
              <th scope="col">Trial</th>
              <th scope="col">Outcome</th>
              <th scope="col">Applies to this patient</th>
            </tr>
          </thead>
          <tbody>
            {weights.benefits.map((b) => (
              <tr key={b.id}>
                <td>{b.trial}</td>
                <td>
                  {b.detail} <Sources sources={b.sources} />
                </td>
                <td>
                  <StatusBadge status={b.applies}>
                    {b.applies === 'inside' ? 'yes, inside the trial population' : b.applies === 'outside' ? 'no, outside it' : 'uncertain'}
                  </StatusBadge>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <table>
          <caption>Risks, with how often they occur</caption>
          <thead>
            <tr>
              <th scope="col">Risk</th>
              <th scope="col">Frequency</th>
              <th scope="col">This patient's factors</th>
            </tr>
          </thead>
          <tbody>
            {weights.risks.map((r) => (
              <tr key={r.id}>
                <td>
                  {r.name} <Sources sources={r.sources} />
                </td>
                <td>{r.frequency}</td>
                <td>{r.patientFactors.length ? r.patientFactors.join(' ') : <span class="muted">none recorded</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <strong>Monitoring burden:</strong> {weights.monitoring.detail} ({weights.monitoring.months} months, {weights.monitoring.visits} visits,{' '}
        {weights.monitoring.tests} tests)
        <Sources sources={weights.monitoring.sources} />
      </p>
      <p>
        <strong>Cost:</strong> {weights.cost.detail}
      </p>
    </section>
  );
}

const perThousandText = (n: number) => `${n.toLocaleString('en-GB')} per 1,000`;

/**
 * This patient's own risk figures read from a published table (natalizumab's PML risk): now and after
 * 12 more months, the table and its sources, and what would change the figure.
 */
function PatientRiskEstimates({ risks }: { risks: Assessment['risks'] }) {
  if (!risks || risks.length === 0) return null;
  return (
    <section aria-labelledby="patient-risks-heading" class="patient-risks">
      <h4 id="patient-risks-heading">This patient's estimated risk</h4>
      {risks.map((r) => (
        <section key={r.id} class="patient-risk" data-risk={r.id} aria-labelledby={`patient-risk-${r.id}`}>
          <h5 id={`patient-risk-${r.id}`}>
            {r.name}
            {r.worstCase ? ' (worst case: some inputs are unknown)' : ''}
          </h5>
          <div class="icon-array-item">
            <IconArray frequency={frequencyOf(r.perThousand.now / 1000, r.perThousand.now / 1000, 1000)!} name={`${r.name} (this patient's estimate now)`} />
            <p>
              <strong class="risk-now">{perThousandText(r.perThousand.now)} now</strong>;{' '}
              <span class="risk-in-12-months">{perThousandText(r.perThousand.in12Months)} in 12 months</span> if treatment continues.
            </p>
          </div>
          <p class="risk-detail">
            {r.detail}
            <Sources sources={r.sources} />
          </p>
          {r.whatWouldChange.length > 0 && (
            <>
              <p>What would change it:</p>
              <ul class="what-would-change">
                {r.whatWouldChange.map((w) => (
                  <li key={w.id}>
                    With {w.change}: {perThousandText(w.perThousand.now)} now, {perThousandText(w.perThousand.in12Months)} in 12 months
                    {w.changes ? '' : ' (the table gives the same figure)'}
                    {w.note ? `; ${w.note}` : ''}.
                    <Sources sources={w.sources} />
                  </li>
                ))}
              </ul>
            </>
          )}
          {r.missing.length > 0 && (
            <ul class="missing">
              {r.missing.map((m) => (
                <li key={m.field}>
                  <code>{m.field}</code>: {m.why}
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </section>
  );
}

function ProtocolFit({ protocol }: { protocol: Protocol | undefined }) {
  if (!protocol) return null;
  return (
    <section aria-labelledby="protocol-heading">
      <h4 id="protocol-heading">Mitoxantrone protocol and dose allowance</h4>
      <p>{protocol.detail}</p>
      <ul>
        {protocol.options.map((o) => (
          <li key={o.id}>
            <StatusBadge status={o.fit}>{o.fit}</StatusBadge> <strong>{o.name}</strong>
            {protocol.recommended === o.id ? ' (best fit)' : ''}: {o.detail}
          </li>
        ))}
      </ul>
      <p>
        Lifetime limit {protocol.limitMgM2} mg/m²
        {protocol.cumulativeMgM2 !== undefined ? `; given so far ${protocol.cumulativeMgM2} mg/m²` : '; dose given so far unknown'}
        {protocol.allowanceLeftMgM2 !== undefined ? `; allowance left ${protocol.allowanceLeftMgM2} mg/m²` : ''}.
      </p>
    </section>
  );
}

function Tipped({ tipping, verdict }: { tipping: Tipping[] | undefined; verdict: string }) {
  if (!tipping || tipping.length === 0) return null;
  return (
    <section aria-labelledby="tipping-heading" class="tipped">
      <h4 id="tipping-heading">What tipped the verdict</h4>
      <p class="muted">Without these, the verdict would be more permissive than “{verdict}”.</p>
      <ul>
        {tipping.map((t) => (
          <li key={t.code}>
            <span class={`badge effect-${t.effect}`}>{t.effect === 'unknown' ? 'Not evaluable: data missing' : EFFECT_TEXT[t.effect]}</span> {t.message}{' '}
            <code class="muted">{t.code}</code>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Decisions({ rec, me }: { rec: AssessmentRecord; me: Me }) {
  const [load, reload] = useLoad(() => getJson<{ items: Decision[] }>(`/api/assessments/${enc(rec.id)}/decisions`), [rec.id]);
  const [decision, setDecision] = useState<'accept' | 'override'>('accept');
  const [reason, setReason] = useState('');
  const [preference, setPreference] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const [reasonError, setReasonError] = useState(false);
  const [saved, setSaved] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setError(null);
    setSaved(false);
    // An override without a reason is refused by the API too; saying so here keeps the focus in place.
    if (decision === 'override' && !reason.trim()) {
      setReasonError(true);
      document.getElementById('decision-reason')?.focus();
      return;
    }
    setReasonError(false);
    try {
      await postJson<Decision>(`/api/assessments/${enc(rec.id)}/decision`, {
        decision,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
        ...(preference.trim() ? { patientPreference: preference.trim() } : {}),
      });
      setReason('');
      setPreference('');
      setSaved(true);
      reload();
    } catch (err) {
      setError(err as Error);
    }
  }

  return (
    <section aria-labelledby="decision-heading" class="decisions">
      <h4 id="decision-heading">Decision</h4>
      <Loaded load={load} what="decisions">
        {({ items }) =>
          items.length === 0 ? (
            <p>No decision recorded yet.</p>
          ) : (
            <ul class="decision-list">
              {items.map((d) => (
                <li key={d.id}>
                  <strong>{d.decision === 'accept' ? 'Accepted the verdict' : 'Overrode the verdict'}</strong> — {d.createdBy},{' '}
                  {d.createdAt?.slice(0, 16).replace('T', ' ')}
                  {d.reason ? <> · Reason: {d.reason}</> : null}
                  {d.patientPreference ? <> · Patient's preference: {d.patientPreference}</> : null}
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
      {canAssess(me.role) && (
        <form onSubmit={submit} class="decision-form no-print" noValidate>
          <fieldset>
            <legend>Record the decision</legend>
            <label class="radio">
              <input type="radio" name="decision" value="accept" checked={decision === 'accept'} onChange={() => setDecision('accept')} /> Accept the verdict
            </label>
            <label class="radio">
              <input type="radio" name="decision" value="override" checked={decision === 'override'} onChange={() => setDecision('override')} /> Override the
              verdict
            </label>
          </fieldset>
          <label for="decision-reason">Reason{decision === 'override' ? ' (required to override)' : ' (optional)'}</label>
          <textarea
            id="decision-reason"
            rows={3}
            value={reason}
            aria-required={decision === 'override' ? 'true' : undefined}
            aria-invalid={reasonError ? 'true' : undefined}
            aria-describedby={reasonError ? 'decision-reason-error' : undefined}
            onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)}
          />
          {reasonError && (
            <p id="decision-reason-error" class="field-error" role="alert">
              Give the reason for overriding the verdict.
            </p>
          )}
          <label for="decision-preference">The patient's preference (optional)</label>
          <input id="decision-preference" type="text" value={preference} onInput={(e) => setPreference((e.target as HTMLInputElement).value)} />
          <button type="submit">Record decision</button>
          {saved && (
            <p role="status" class="saved">
              Decision recorded.
            </p>
          )}
          {error && (
            <ErrorBox
              error={error}
              title={error instanceof ApiError && error.status === 403 ? 'Your role cannot record decisions' : 'The decision was not recorded'}
            />
          )}
        </form>
      )}
    </section>
  );
}
