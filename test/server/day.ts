import { alemtuzumabHistory, normalPanel } from '../../src/monitor/fixtures.js';
import type { TestServer } from './harness.js';
import { history } from './fixtures.js';

// A scripted day in a clinic, through the API as its staff would use it: the admin issues a locum's
// token, clinicians import and update histories and assess, a decision is recorded, a nurse records
// results and acknowledges the alert they raise, the auditor reads the log, and a few requests are
// refused. Used by the backup round trip and to report what the audit log holds after such a day.

export async function scriptedDay(s: TestServer, prefix: string): Promise<void> {
  const ok = async (r: Promise<Response>, ...want: number[]) => {
    const res = await r;
    if (!want.includes(res.status)) throw new Error(`scripted day: ${res.url} answered ${res.status}: ${await res.text()}`);
    return res;
  };
  const locum = await (await ok(s.call('admin', '/api/tokens', { method: 'POST', json: { role: 'nurse', name: `${prefix} locum` } }), 201)).json();
  for (let i = 1; i <= 3; i++) {
    const id = `${prefix}-${i}`;
    await ok(s.call('clinician', '/api/patients', { method: 'POST', json: history(id) }), 201);
    await ok(s.call('clinician', `/api/patients/${id}`, { method: 'PUT', json: history(id, { sex: 'male' }), headers: { 'if-match': '"1"' } }), 200);
    const a = await (await ok(s.call('clinician', `/api/patients/${id}/assessments`, { method: 'POST', json: { drug: 'alemtuzumab' } }), 201)).json();
    await ok(
      s.call('clinician', `/api/assessments/${a.id}/decision`, {
        method: 'POST',
        json: { decision: 'override', reason: 'discussed with the patient', patientPreference: 'wants to go ahead' },
      }),
      201,
    );
    await ok(s.call('nurse', `/api/patients/${id}`), 200);
  }
  const mon = `${prefix}-mon`;
  await ok(
    s.call('clinician', '/api/patients', {
      method: 'POST',
      json: alemtuzumabHistory(['2025-01-06'], { id: mon, sex: 'male', labs: normalPanel('2024-12-12') }),
    }),
    201,
  );
  const results = await (
    await ok(
      s.call('nurse', `/api/patients/${mon}/results`, {
        method: 'POST',
        json: { results: [{ date: '2025-05-31', test: 'platelets', value: 25000, unit: '/uL' }] },
      }),
      201,
    )
  ).json();
  for (const alert of results.alerts as { id: string }[]) {
    await ok(s.call('nurse', `/api/alerts/${encodeURIComponent(alert.id)}/acknowledge`, { method: 'POST', json: { note: 'patient seen' } }), 200, 201);
  }
  await ok(s.call('clinician', '/api/worklist'), 200);
  await ok(s.call('clinician', '/api/patients'), 200);
  await ok(s.call('auditor', '/api/audit?limit=10'), 200);
  await ok(s.call('nurse', '/api/patients', { method: 'POST', json: history(`${prefix}-nope`) }), 403);
  await ok(s.call(null, '/api/patients'), 401);
  await ok(s.call('admin', `/api/tokens/${locum.id}`, { method: 'DELETE' }), 204);
}
