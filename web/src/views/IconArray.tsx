import type { LabelRiskItem } from '../lib/scale.js';
import type { Frequency } from '../lib/frequency.js';

// Icon arrays as patient decision aids draw them: 100 (or 1,000) people, the affected ones coloured
// first in reading order. The figure's text alternative and the visible caption say the same number.

const PERSON = 'M6 1.6a2.4 2.4 0 1 1 0 4.8a2.4 2.4 0 1 1 0-4.8M2.2 15.5v-5.3a3 3 0 0 1 3-3h1.6a3 3 0 0 1 3 3v5.3z';

export function IconArray({ frequency, name }: { frequency: Frequency; name: string }) {
  const { denominator, count } = frequency;
  const label = `${capital(frequency.text)} people get ${name}: ${count} of ${denominator === 100 ? '100' : '1,000'} figures are coloured.`;
  if (denominator === 100) {
    // 10 x 10 people, 12 x 17 units each.
    return (
      <svg class="icon-array icon-array-100" viewBox="0 0 120 170" role="img" aria-label={label}>
        {Array.from({ length: 100 }, (_, i) => (
          <path key={i} d={PERSON} transform={`translate(${(i % 10) * 12} ${Math.floor(i / 10) * 17})`} class={i < count ? 'affected' : 'unaffected'} />
        ))}
      </svg>
    );
  }
  // 40 x 25 dots: a person each, too many to draw as figures at a readable size.
  return (
    <svg class="icon-array icon-array-1000" viewBox="0 0 240 150" role="img" aria-label={label}>
      {Array.from({ length: 1000 }, (_, i) => (
        <circle key={i} cx={(i % 40) * 6 + 3} cy={Math.floor(i / 40) * 6 + 3} r={2.3} class={i < count ? 'affected' : 'unaffected'} />
      ))}
    </svg>
  );
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The label risks the knowledge base gives numbers for, most frequent first, each as an icon array. */
export function RiskPictures({ risks, heading, headingLevel = 4, intro }: { risks: LabelRiskItem[]; heading: string; headingLevel?: 2 | 4; intro?: string }) {
  const counted = risks.filter((r): r is LabelRiskItem & { frequency: Frequency } => r.frequency !== undefined);
  if (counted.length === 0) return null;
  counted.sort((a, b) => b.frequency.count / b.frequency.denominator - a.frequency.count / a.frequency.denominator);
  const uncounted = risks.filter((r) => r.frequency === undefined);
  const H = headingLevel === 2 ? 'h2' : 'h4';
  return (
    <section class="risk-pictures" aria-labelledby="risk-pictures-heading">
      <H id="risk-pictures-heading">{heading}</H>
      {intro && <p>{intro}</p>}
      <ul class="icon-arrays">
        {counted.map((r) => (
          <li key={r.key} class="icon-array-item">
            <IconArray frequency={r.frequency} name={r.name} />
            <p>
              <strong>{capital(r.frequency.text)}</strong> people get {r.name}.
            </p>
            <p class="muted frequency-source">As the knowledge base gives it: {r.frequencyText}.</p>
          </li>
        ))}
      </ul>
      {uncounted.length > 0 && <p class="muted">Without numbers in the knowledge base: {uncounted.map((r) => `${r.name} (${r.frequencyText})`).join('; ')}.</p>}
    </section>
  );
}
