import type { Assessment } from '../api/types.js';
import { weigh } from '../lib/scale.js';

// A picture of the balance: the beam tilts toward the side the verdict came down on; the tipping
// reasons are drawn heavier and named. The reasons list beside it carries the full text for readers
// who do not see the picture.

const W = 560;
const H = 230;

/** Reason codes are namespaced by drug (`mitoxantrone.infection-risk`); the pan shows the rule's name. */
function shortCode(code: string): string {
  const name = code.replace(/^(alemtuzumab|mitoxantrone)\./, '');
  return name.length > 26 ? `${name.slice(0, 25)}…` : name;
}

export function ScalePicture({ assessment }: { assessment: Assessment }) {
  const s = weigh(assessment);
  const cx = W / 2;
  const pivotY = 70;
  const arm = 150;
  const rad = (s.tilt * Math.PI) / 180;
  // Benefits hang on the left arm, risks on the right; a positive tilt lowers the right (risk) side.
  const left = { x: cx - arm * Math.cos(rad), y: pivotY - arm * Math.sin(rad) };
  const right = { x: cx + arm * Math.cos(rad), y: pivotY + arm * Math.sin(rad) };
  const pan = (x: number, y: number, items: { code: string; tipping: boolean }[], title: string, cls: string) => {
    const shown = items.slice(0, 5);
    return (
      <g class={`pan ${cls}`}>
        <line x1={x} y1={y} x2={x - 60} y2={y + 40} class="string" />
        <line x1={x} y1={y} x2={x + 60} y2={y + 40} class="string" />
        <path d={`M ${x - 75} ${y + 40} Q ${x} ${y + 70} ${x + 75} ${y + 40} Z`} class="pan-dish" />
        <text x={x} y={y + 88} text-anchor="middle" class="pan-title">
          {title}
        </text>
        {shown.map((it, i) => (
          <text key={it.code} x={x} y={y + 106 + i * 15} text-anchor="middle" class={it.tipping ? 'pan-item tipping' : 'pan-item'}>
            {it.tipping ? '▶ ' : ''}
            {shortCode(it.code)}
          </text>
        ))}
        {items.length > shown.length && (
          <text x={x} y={y + 106 + shown.length * 15} text-anchor="middle" class="pan-item">
            and {items.length - shown.length} more
          </text>
        )}
      </g>
    );
  };
  const label = `Scale: ${s.benefits.length} reasons for, ${s.risks.length} against or cautioning; ${
    s.undecided ? 'the record lacks data needed to settle it' : s.tilt > 0 ? 'tips to the risks' : 'tips to the benefits'
  }${s.tipping.size ? `; tipped by ${[...s.tipping].join(', ')}` : ''}.`;
  return (
    <svg class="scale" viewBox={`0 0 ${W} ${H + 40}`} role="img" aria-label={label}>
      <polygon points={`${cx},${pivotY} ${cx - 26},${pivotY + 120} ${cx + 26},${pivotY + 120}`} class="fulcrum" />
      <line x1={left.x} y1={left.y} x2={right.x} y2={right.y} class="beam" />
      <circle cx={cx} cy={pivotY} r={6} class="pivot" />
      {s.undecided && (
        <text x={cx} y={pivotY - 18} text-anchor="middle" class="undecided">
          ? data missing
        </text>
      )}
      {pan(left.x, left.y, s.benefits.map((r) => ({ code: r.code, tipping: s.tipping.has(r.code) })), `Benefits (${s.benefits.length})`, 'benefit')}
      {pan(right.x, right.y, s.risks.map((r) => ({ code: r.code, tipping: s.tipping.has(r.code) })), `Risks (${s.risks.length})`, 'risk')}
    </svg>
  );
}
