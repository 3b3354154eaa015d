import type { History } from '../history/schema.js';
import type { LabelId, RuleOf, Trial } from './knowledge.js';
import type { EvidenceEntry, Protocol } from './schema.js';
import { cumulativeDose, mostellerBsa, round1, type CumulativeDose } from './facts.js';

// Which of a drug's trial protocols fits (for mitoxantrone, Edan 1997: monthly with methylprednisolone
// for 6 months in highly active disease; MIMS: 12 mg/m2 every 3 months for 2 years in worsening RRMS or
// SPMS) and how much of the lifetime allowance each would use. The protocols are in knowledge/trials.

function protocolOf(trials: Trial[], id: string): Trial['protocol'] {
  return trials.find((t) => t.protocol?.id === id)?.protocol;
}

export function protocolFit(
  h: History,
  label: LabelId,
  doseRule: RuleOf<'cumulative-dose'>,
  trials: Trial[],
  evidence: Map<string, EvidenceEntry>,
  cum: CumulativeDose = cumulativeDose(h, doseRule.drug),
): Protocol {
  const limit = doseRule.limits[label];
  const bsa = h.body ? mostellerBsa(h.body.heightCm, h.body.weightKg) : undefined;
  const cumulative = cum.status === 'known' ? cum.mgM2 : undefined;
  const left = cumulative === undefined ? undefined : limit - cumulative;
  const labelName = label.toUpperCase();
  const options: Protocol['options'] = [];
  for (const t of trials) {
    const p = t.protocol;
    if (!p) continue;
    const fit = evidence.get(t.id)?.fit ?? 'uncertain';
    // Edan's doses are fixed in mg: their mg/m2 depends on this patient's body surface area.
    const perDose = p.doseMgM2 ?? (p.doseMg !== undefined && bsa !== undefined ? p.doseMg / bsa : undefined);
    const total = perDose === undefined ? undefined : perDose * p.doses;
    const option: Protocol['options'][number] = { id: p.id, name: p.name, fit, detail: '' };
    const notes: string[] = [`${t.study}: ${fit}`];
    if (total !== undefined) {
      option.totalMgM2 = round1(total);
      notes.push(`${p.doses} doses, ${round1(total)} mg/m2 in total`);
    } else notes.push(`${p.doses} doses of ${p.doseMg} mg; height and weight are needed for the mg/m2 total`);
    if (left !== undefined && total !== undefined && perDose !== undefined) {
      option.allowanceAfterMgM2 = round1(left - total);
      option.dosesWithinLimit = Math.max(0, Math.min(p.doses, Math.floor((left + 1e-9) / perDose)));
      notes.push(
        left - total >= 0
          ? `${round1(left - total)} mg/m2 of the ${labelName} lifetime limit (${limit}) would remain`
          : `the full protocol would pass the ${labelName} lifetime limit of ${limit} mg/m2: only ${option.dosesWithinLimit} of ${p.doses} doses fit`,
      );
    }
    option.detail = notes.join('; ');
    options.push(option);
  }
  // A protocol is recommended only if the patient is inside its trial box and at least one dose fits.
  const inside = options.filter((o) => o.fit === 'inside');
  const usable = inside.filter((o) => o.dosesWithinLimit === undefined || o.dosesWithinLimit > 0);
  const recommended = usable.find((o) => protocolOf(trials, o.id)?.preferred) ?? usable[0];
  const detail = [
    recommended
      ? `Fits the ${recommended.name} protocol.`
      : inside.length > 0
        ? `Inside the ${inside.map((o) => protocolOf(trials, o.id)?.shortName ?? o.name).join(' and ')} box, but no dose fits in the lifetime allowance.`
        : "No protocol's trial box is fully met.",
    cumulative === undefined
      ? `Lifetime dose so far unknown (${cum.detail}).`
      : left! >= 0
        ? `Lifetime dose so far ${round1(cumulative)} mg/m2; ${round1(left!)} mg/m2 left under the ${labelName} limit of ${limit} mg/m2.`
        : `Lifetime dose so far ${round1(cumulative)} mg/m2: already ${round1(-left!)} mg/m2 past the ${labelName} limit of ${limit} mg/m2.`,
  ].join(' ');
  // Built in the contract's key order, the optional keys only when known (no spreads).
  const out = {} as Protocol;
  if (recommended) out.recommended = recommended.id;
  out.options = options;
  out.limitMgM2 = limit;
  if (cumulative !== undefined) {
    out.cumulativeMgM2 = round1(cumulative);
    out.allowanceLeftMgM2 = round1(left!);
  }
  out.detail = detail;
  return out;
}
