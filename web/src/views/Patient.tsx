import type { Me } from '../app.js';
import { useLoad } from '../hooks.js';
import { href } from '../lib/router.js';
import { AssessmentTab } from './Assessment.js';
import { CompareTab } from './Compare.js';
import { Loaded, today } from './common.js';
import { prefetchChart, prefetchCourse, takeRecord } from '../api/prefetch.js';
import { MonitoringTab } from './Monitoring.js';
import { TimelineTab } from './Timeline.js';

const TABS = [
  { tab: 'timeline', label: 'Timeline' },
  { tab: 'assessment', label: 'Assessment' },
  { tab: 'compare', label: 'Compare therapies' },
  { tab: 'monitoring', label: 'Monitoring' },
] as const;

export function PatientView({
  id,
  tab,
  assessmentId,
  me,
}: {
  id: string;
  tab: 'timeline' | 'assessment' | 'compare' | 'monitoring';
  assessmentId?: string;
  me: Me;
}) {
  const [load] = useLoad(() => {
    if (tab === 'timeline') {
      prefetchCourse(id, today());
      prefetchChart();
    }
    return takeRecord(id);
  }, [id]);
  return (
    <>
      <p class="breadcrumb no-print">
        <a href={href({ view: 'patients' })}>Patients</a> / {id}
      </p>
      <h1 tabIndex={-1}>Patient {id}</h1>
      <Loaded load={load} what="the patient">
        {(rec) => (
          <>
            <dl class="facts">
              <div>
                <dt>Born</dt>
                <dd>{rec.history.birthDate ?? 'not recorded'}</dd>
              </div>
              <div>
                <dt>Sex</dt>
                <dd>{rec.history.sex ?? 'not recorded'}</dd>
              </div>
              <div>
                <dt>MS onset</dt>
                <dd>{rec.history.msOnset ?? 'not recorded'}</dd>
              </div>
              <div>
                <dt>Diagnosis</dt>
                <dd>{rec.history.msDiagnosis ?? 'not recorded'}</dd>
              </div>
              <div>
                <dt>Recorded course</dt>
                <dd>
                  {rec.history.course
                    ? `${rec.history.course.phenotype}${rec.history.course.since ? ` since ${rec.history.course.since}` : ''}`
                    : 'not recorded'}
                </dd>
              </div>
              <div>
                <dt>Record version</dt>
                <dd>
                  {rec.version}{' '}
                  <span class="muted">
                    ({rec.createdBy}, {rec.createdAt?.slice(0, 10)})
                  </span>
                </dd>
              </div>
            </dl>
            {rec.mappingReport && rec.mappingReport.length > 0 && (
              <details class="mapping-report">
                <summary>{rec.mappingReport.length} FHIR resources were not used</summary>
                <ul>
                  {rec.mappingReport.map((m, i) => (
                    <li key={i}>
                      <code>{m.resource}</code>: {m.reason}
                    </li>
                  ))}
                </ul>
              </details>
            )}
            <nav class="tabs no-print" aria-label="Patient sections">
              {TABS.map((t) => (
                <a key={t.tab} href={href({ view: 'patient', id, tab: t.tab })} aria-current={tab === t.tab ? 'page' : undefined}>
                  {t.label}
                </a>
              ))}
            </nav>
            {tab === 'timeline' && <TimelineTab record={rec} />}
            {tab === 'assessment' && <AssessmentTab record={rec} assessmentId={assessmentId} me={me} />}
            {tab === 'compare' && <CompareTab record={rec} />}
            {tab === 'monitoring' && <MonitoringTab record={rec} me={me} />}
          </>
        )}
      </Loaded>
    </>
  );
}
