import { readable, resultAge } from './readable.js';
import type { Day } from '../history/dates.js';
import { dateText } from '../course/facts.js';
import type { History, Lab } from '../history/schema.js';
import type { AssessDrug, Check, Effect, LabelId } from './knowledge.js';
import type { CheckResult, Reason } from './schema.js';
import { text, type Text } from './lazy-text.js';
import { AssessmentReads, day, matchingConditions, mostellerBsa, windowStart } from './facts.js';

// The pre-treatment screens the label asks for. An outstanding check is the to-do list before the
// first dose and leaves the verdict alone; a failed check with an effect in the rule data is also a
// reason (spec: "A failed check is also a reason").

/** A check's result and the reason a failed one gives, with their texts built when read (lazy-text.ts). */
export interface LazyCheck {
  id: string;
  status: CheckResult['status'];
  title: string;
  detail: Text;
}
export interface LazyReason {
  code: string;
  effect: Effect;
  message: Text;
  sources: Reason['sources'];
}

export interface ChecksOutcome {
  checks: LazyCheck[];
  reasons: LazyReason[];
}

export function checkText(c: LazyCheck): CheckResult {
  return { id: c.id, status: c.status, detail: `${c.title}: ${text(c.detail)}` };
}

function applies(c: Check, h: History, label: LabelId): boolean {
  if (c.labels && !c.labels.includes(label)) return false;
  if (c.sexes && !c.sexes.includes(h.sex ?? 'unknown')) return false;
  return true;
}

function result(c: Check, status: CheckResult['status'], detail: Text): LazyCheck {
  return { id: c.id, status, title: c.title, detail };
}

function evaluate(c: Check, h: History, asOf: Day, reads: AssessmentReads): LazyCheck {
  switch (c.kind) {
    case 'lab-qualitative': {
      const conditions = matchingConditions(h, c.conditions, false);
      if (conditions.length > 0) return result(c, 'failed', () => `${conditions.map((x) => x.code).join(', ')} recorded as active`);
      const lab = reads.latestLab(c.test);
      if (!lab) return result(c, 'outstanding', () => `no ${c.test} result recorded`);
      const positiveMeans = c.positive;
      const status = lab.value === 'positive' ? positiveMeans : positiveMeans === 'failed' ? 'done' : 'failed';
      return result(c, status, () => `${c.test} ${String(lab.value)} on ${lab.date}`);
    }
    case 'condition-screen': {
      const hits = matchingConditions(h, c.conditions, false);
      if (hits.length > 0) return result(c, 'failed', () => `${hits.map((x) => x.code).join(', ')} recorded as active`);
      return result(c, 'outstanding', 'no screening result in the record (the history format has no result field for it); screen and record');
    }
    case 'pregnancy-test': {
      if (h.sex === 'male') return result(c, 'done', 'not applicable (male)');
      const p = h.pregnancy;
      if (p?.pregnant === true) return result(c, 'failed', 'recorded as pregnant');
      if (p?.pregnant === false) return result(c, 'done', 'recorded as not pregnant; repeat the test before each course or dose');
      return result(c, 'outstanding', 'no pregnancy status recorded; test before treating');
    }
    case 'labs-recent': {
      const months = c.validMonths;
      const since = windowStart(asOf, months);
      const tests = c.tests;
      const recent = (lab: Lab | undefined): boolean => lab !== undefined && day(lab.date) >= since;
      const complete = tests.every((t) => recent(reads.latestLab(t)));
      if (complete) {
        return result(c, 'done', () =>
          tests
            .map((t) => {
              const lab = reads.latestLab(t)!;
              return `${t} ${typeof lab.value === 'number' ? readable(lab.value) : String(lab.value)}${lab.unit ? ` ${lab.unit}` : ''} on ${lab.date}`;
            })
            .join(', '),
        );
      }
      return result(c, 'outstanding', () => {
        const lacking = tests.flatMap((t) => {
          const lab = reads.latestLab(t);
          return recent(lab) ? [] : [lab ? `${t} (last ${lab.date}, ${resultAge(lab.date, asOf)} old)` : t];
        });
        return `needed within ${months} month(s) (since ${dateText(since)}): ${lacking.join(', ')}`;
      });
    }
    case 'body': {
      if (!h.body) return result(c, 'outstanding', 'no height and weight recorded');
      const body = h.body;
      return result(
        c,
        'done',
        () => `${body.heightCm} cm, ${body.weightKg} kg: body surface area ${mostellerBsa(body.heightCm, body.weightKg).toFixed(2)} m2 (Mosteller)`,
      );
    }
    case 'manual':
      return result(c, 'outstanding', 'not held in the history; do and record it at the clinic');
    case 'lab-screen': {
      const conditions = matchingConditions(h, c.conditions, false);
      if (conditions.length > 0) return result(c, 'failed', () => `${conditions.map((x) => x.code).join(', ')} recorded as active`);
      const labs = c.tests.map((t) => ({ t, lab: reads.latestLab(t) }));
      const said = (): string => labs.map(({ t, lab }) => (lab ? `${t} ${String(lab.value)} on ${lab.date}` : `no ${t} result`)).join(', ');
      if (labs.some(({ lab }) => lab?.value === 'positive')) return result(c, 'failed', said);
      if (labs.every(({ lab }) => lab !== undefined && lab.value === 'negative')) return result(c, 'done', said);
      return result(c, 'outstanding', () => `${said()}; screen and record`);
    }
    case 'concurrent-therapy': {
      if (h.therapies === undefined) return result(c, 'outstanding', 'no therapy record: confirm no other disease-modifying therapy is ongoing');
      const ongoing = h.therapies.filter((t) => c.drugs.includes(t.drug) && t.end === undefined);
      if (ongoing.length === 0) return result(c, 'done', 'no other disease-modifying therapy ongoing');
      return result(c, 'outstanding', () => `${ongoing.map((t) => `${t.drug} ongoing since ${t.start}`).join(', ')}: ${c.advice}`);
    }
    case 'lab-recorded': {
      const lab = reads.latestLab(c.test);
      if (!lab) return result(c, 'outstanding', () => `no ${c.test} result recorded`);
      return result(c, 'done', () => `${c.test} ${String(lab.value)} on ${lab.date}`);
    }
  }
}

/** Kinds whose result is done or outstanding, never failed: they cannot change a verdict. */
const NEVER_FAIL: ReadonlySet<Check['kind']> = new Set(['labs-recent', 'body', 'manual', 'concurrent-therapy', 'lab-recorded']);

/**
 * The checks that apply, each with its result, and the reasons failed ones give. With `failedOnly`
 * (a decision that shows no check list), only the failed checks: kinds that cannot fail are not
 * even evaluated.
 */
export function evaluateChecks(
  drug: AssessDrug,
  checks: readonly Check[],
  h: History,
  asOf: Day,
  label: LabelId,
  reads: AssessmentReads = new AssessmentReads(h, asOf),
  failedOnly = false,
): ChecksOutcome {
  const out: ChecksOutcome = { checks: [], reasons: [] };
  for (const c of checks) {
    if ((failedOnly && NEVER_FAIL.has(c.kind)) || !applies(c, h, label)) continue;
    const r = evaluate(c, h, asOf, reads);
    if (!failedOnly || r.status === 'failed') out.checks.push(r);
    const failEffect = 'failEffect' in c ? c.failEffect : undefined;
    if (r.status === 'failed' && failEffect) {
      const advice = 'failAdvice' in c ? c.failAdvice : undefined;
      out.reasons.push({
        code: `${drug}.check.${c.id}`,
        effect: failEffect,
        message: () => `${checkText(r).detail}${advice ? `: ${advice}` : ''}.`,
        sources: c.sources,
      });
    }
  }
  return out;
}
