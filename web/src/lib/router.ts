// Hash routes, so the same build works wherever the server mounts it (`/` or `/app/`) and a reload
// never asks the server for a path it does not know.

export type Route =
  | { view: 'patients' }
  | { view: 'worklist' }
  | { view: 'patient'; id: string; tab: 'timeline' | 'assessment' | 'compare' | 'monitoring'; assessmentId?: string }
  | { view: 'letter'; assessmentId: string; patientId?: string }
  | { view: 'not-found'; path: string };

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [pathPart, queryPart = ''] = raw.split('?', 2) as [string, string?];
  const parts = pathPart.split('/').filter(Boolean).map(decodeURIComponent);
  const query = new URLSearchParams(queryPart);
  if (parts.length === 0 || (parts.length === 1 && parts[0] === 'patients')) return { view: 'patients' };
  if (parts.length === 1 && parts[0] === 'worklist') return { view: 'worklist' };
  if (parts[0] === 'patients' && parts[1] !== undefined && parts.length <= 3) {
    const tab = parts[2] ?? 'timeline';
    if (tab === 'timeline' || tab === 'assessment' || tab === 'compare' || tab === 'monitoring') {
      const a = query.get('assessment');
      return { view: 'patient', id: parts[1], tab, ...(a ? { assessmentId: a } : {}) };
    }
  }
  if (parts[0] === 'assessments' && parts[1] !== undefined && parts[2] === 'letter' && parts.length === 3) {
    const p = query.get('patient');
    return { view: 'letter', assessmentId: parts[1], ...(p ? { patientId: p } : {}) };
  }
  return { view: 'not-found', path: pathPart };
}

export function href(route: Route): string {
  const e = encodeURIComponent;
  switch (route.view) {
    case 'patients':
      return '#/patients';
    case 'worklist':
      return '#/worklist';
    case 'patient':
      return `#/patients/${e(route.id)}/${route.tab}${route.assessmentId ? `?assessment=${e(route.assessmentId)}` : ''}`;
    case 'letter':
      return `#/assessments/${e(route.assessmentId)}/letter${route.patientId ? `?patient=${e(route.patientId)}` : ''}`;
    case 'not-found':
      return `#${route.path}`;
  }
}
