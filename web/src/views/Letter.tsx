import { useState } from 'preact/hooks';
import { enc, getBlob, getJson } from '../api/client.js';
import type { AssessmentRecord } from '../api/types.js';
import { useLoad } from '../hooks.js';
import { weigh, type LabelRiskItem } from '../lib/scale.js';
import { RiskPictures } from './IconArray.js';
import { sanitizeLetterHtml } from '../lib/sanitize.js';
import { href } from '../lib/router.js';
import { ErrorBox, Loaded, drugWord } from './common.js';

export function LetterView({ assessmentId, patientId }: { assessmentId: string; patientId?: string }) {
  const [load] = useLoad(() => getJson<{ text: string; html: string }>(`/api/assessments/${enc(assessmentId)}/letter`), [assessmentId]);
  // The risks' icon arrays come from the assessment's weights, as in the assessment view.
  const [assessment] = useLoad(() => getJson<AssessmentRecord>(`/api/assessments/${enc(assessmentId)}`), [assessmentId]);
  const [pdfError, setPdfError] = useState<Error | null>(null);

  async function downloadPdf() {
    setPdfError(null);
    try {
      // The PDF needs the bearer token, so it is fetched here and handed to the browser as a file.
      const blob = await getBlob(`/api/assessments/${enc(assessmentId)}/letter.pdf`, 'application/pdf');
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `fulcrum-letter-${assessmentId}.pdf`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setPdfError(e as Error);
    }
  }

  return (
    <>
      <p class="breadcrumb no-print">
        <a href={href({ view: 'patients' })}>Patients</a>
        {patientId && (
          <>
            {' / '}
            <a href={href({ view: 'patient', id: patientId, tab: 'assessment', assessmentId })}>Patient {patientId}</a>
          </>
        )}
        {' / '}Letter
      </p>
      <h1 tabIndex={-1} class="no-print">
        Patient letter
      </h1>
      <div class="letter-actions no-print">
        <button type="button" onClick={() => print()}>
          Print the letter
        </button>
        <button type="button" onClick={downloadPdf}>
          Download PDF
        </button>
      </div>
      {pdfError && <ErrorBox error={pdfError} title="The PDF could not be downloaded" />}
      <Loaded load={load} what="the letter">
        {(letter) =>
          letter.html ? (
            <article class="letter" aria-label="Letter to the patient" dangerouslySetInnerHTML={{ __html: sanitizeLetterHtml(letter.html) }} />
          ) : (
            <article class="letter" aria-label="Letter to the patient">
              {letter.text.split(/\n{2,}/).map((p, i) => (
                <p key={i}>{p}</p>
              ))}
            </article>
          )
        }
      </Loaded>
      <Loaded load={assessment} what="the risks in pictures">
        {(rec) => {
          const risks = weigh(rec.result).risks.filter((x): x is LabelRiskItem => x.kind === 'label-risk');
          return (
            <div class="letter-risks">
              <RiskPictures
                risks={risks}
                heading="How often the main risks happen"
                headingLevel={2}
                intro={`Each figure is one person treated with ${drugWord(rec.drug)}. The coloured figures are the people who get the problem.`}
              />
            </div>
          );
        }}
      </Loaded>
    </>
  );
}
