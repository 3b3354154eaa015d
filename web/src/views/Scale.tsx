import type { Effect } from '../api/types.js';
import { TILT_RULE, weightText, type BenefitItem, type FactorItem, type RiskItem, type Scale } from '../lib/scale.js';

// A picture of the balance: each pan holds a token for everything the assessment puts on it (trials,
// label risks, the patient's own reasons), sized by what it weighs; the beam tilts as the rule under
// the picture says. The lists beside it (ScaleContents) carry the same content as text.

const W = 640;
const PIVOT_Y = 56;
const ARM = 200;
const PAN_HALF = 95;
const UNIT = 34;

const EFFECT_WORD: Record<Effect, string> = {
  contraindication: 'contraindication',
  against: 'reason against',
  caution: 'caution',
  for: 'reason for',
  'not-applicable': 'outside the scale (no MS diagnosis)',
};

function tokenOf(it: BenefitItem | RiskItem): { w: number; h: number; shape: 'rect' | 'circle' | 'decisive'; cls: string } {
  if (it.kind === 'label-risk') return { w: 13, h: 13, shape: 'circle', cls: `token label-risk${it.raisedBy.length ? ' raised' : ''}` };
  if (it.kind === 'trial') {
    const w = it.weight > 0 ? it.weight * UNIT : UNIT;
    return { w, h: 14, shape: 'rect', cls: `token trial fit-${it.fit}` };
  }
  if (it.weight === null) return { w: 46, h: 24, shape: 'decisive', cls: `token factor effect-${it.reason.effect}${it.tipping ? ' tipping' : ''}` };
  return { w: it.weight * UNIT, h: 14, shape: 'rect', cls: `token factor effect-${it.reason.effect}${it.tipping ? ' tipping' : ''}` };
}

/** Tokens laid in rows on the dish, the first row lowest, as weights are piled on a pan. */
function pile(items: (BenefitItem | RiskItem)[], x: number, y: number) {
  const rows: { items: ReturnType<typeof tokenOf>[]; width: number; height: number }[] = [];
  for (const it of items) {
    const t = tokenOf(it);
    const row = rows[rows.length - 1];
    if (row && row.width + t.w + 3 <= PAN_HALF * 1.5) {
      row.items.push(t);
      row.width += t.w + 3;
      row.height = Math.max(row.height, t.h);
    } else rows.push({ items: [t], width: t.w, height: t.h });
  }
  const out = [];
  let base = y;
  let k = 0;
  for (const row of rows) {
    let left = x - row.width / 2;
    for (const t of row.items) {
      const top = base - t.h;
      if (t.shape === 'circle') out.push(<circle key={k++} cx={left + t.w / 2} cy={top + t.h / 2} r={t.w / 2} class={t.cls} />);
      else if (t.shape === 'decisive') {
        out.push(<rect key={k++} x={left} y={top} width={t.w} height={t.h} rx={3} class={t.cls} />);
        out.push(
          <text key={k++} x={left + t.w / 2} y={top + t.h - 7} text-anchor="middle" class="token-mark">
            !
          </text>,
        );
      } else out.push(<rect key={k++} x={left} y={top} width={t.w} height={t.h} rx={2} class={t.cls} />);
      left += t.w + 3;
    }
    base -= row.height + 3;
  }
  return out;
}

/** A patient factor's message, cut to what fits under a pan. */
function lines(text: string, width: number, max: number): string[] {
  const words = text.split(/\s+/);
  const out: string[] = [];
  let cur = '';
  for (const w of words) {
    if (cur.trim() && (cur + ' ' + w).trim().length > width) {
      out.push(cur.trim());
      cur = w;
      if (out.length === max) break;
    } else cur = `${cur} ${w}`;
  }
  if (out.length < max && cur.trim()) out.push(cur.trim());
  if (out.join(' ').length < text.trim().length) out[out.length - 1] = `${out[out.length - 1]!.replace(/[.,;:]?$/, '')}…`;
  return out;
}

/** A label risk's name without its parenthesised examples, short enough for a line under the pan. */
function shortName(name: string, max: number): string {
  const n = name.replace(/\s*\(.*?\)\s*/g, ' ').trim();
  return n.length > max ? `${n.slice(0, max - 1).trimEnd()}…` : n;
}

function panLabels(s: Scale, side: 'benefit' | 'risk'): { text: string; cls: string }[] {
  const out: { text: string; cls: string }[] = [];
  const factors = (side === 'benefit' ? s.benefits : s.risks).filter((x): x is FactorItem => x.kind === 'patient-factor');
  // The patient's own reasons, the tipping ones first: the picture must show what is on the pan (a
  // catheter), not only that something is. Two lines each while few, one when many.
  const shown = [...factors].sort((a, b) => Number(b.tipping) - Number(a.tipping)).slice(0, 4);
  const perFactor = shown.length <= 2 ? 2 : 1;
  const factorLines = () => {
    for (const f of shown) {
      const [first, ...rest] = lines(f.reason.message, 40, perFactor);
      const cls = `pan-item factor${f.tipping ? ' tipping' : ''}`;
      out.push({ text: `${f.tipping ? '▶ ' : ''}${first}`, cls });
      for (const l of rest) out.push({ text: `   ${l}`, cls });
    }
    if (factors.length > shown.length) out.push({ text: `and ${factors.length - shown.length} more reasons (listed below)`, cls: 'pan-item' });
  };
  if (side === 'benefit') {
    for (const t of s.benefits)
      if (t.kind === 'trial')
        out.push({ text: `${t.name}: ${t.fit === 'no-box' ? 'no box, not weighed' : `${t.fit}, weighs ${weightText(t.weight)}`}`, cls: 'pan-item' });
    factorLines();
  } else {
    factorLines();
    for (const r of s.risks) {
      if (r.kind !== 'label-risk') continue;
      const words = r.frequencyText.split(/[;(]/)[0]!.trim();
      const often = r.frequency ? r.frequency.text.replace(/ \(.*\)$/, '') : words.length > 22 ? `${words.slice(0, 21).trimEnd()}…` : words;
      // One line of at most 46 characters, so the two columns under the pans never meet: the name
      // gives way, never the number.
      const line = `${r.raisedBy.length ? '◉' : '●'} ${shortName(r.name, Math.max(12, 46 - 4 - often.length))}: ${often}`;
      out.push({ text: line, cls: `pan-item${r.raisedBy.length ? ' raised' : ''}` });
    }
  }
  return out;
}

export function ScalePicture({ scale: s }: { scale: Scale }) {
  const cx = W / 2;
  const rad = (s.tilt * Math.PI) / 180;
  // Benefits hang on the left arm, risks on the right; a positive tilt lowers the right (risk) side.
  const left = { x: cx - ARM * Math.cos(rad), y: PIVOT_Y - ARM * Math.sin(rad) };
  const right = { x: cx + ARM * Math.cos(rad), y: PIVOT_Y + ARM * Math.sin(rad) };
  const benefitLabels = panLabels(s, 'benefit');
  const riskLabels = panLabels(s, 'risk');
  const dishDrop = 70;
  const labelsTop = Math.max(left.y, right.y) + dishDrop + 40;
  const H = labelsTop + 18 * Math.max(benefitLabels.length, riskLabels.length) + 10;
  const decisive = s.risks.filter((x) => x.kind === 'patient-factor' && x.weight === null).length;
  const pan = (
    p: { x: number; y: number },
    side: 'benefit' | 'risk',
    items: (BenefitItem | RiskItem)[],
    title: string,
    labels: { text: string; cls: string }[],
  ) => (
    <g class={`pan ${side}`} data-side={side}>
      <line x1={p.x} y1={p.y} x2={p.x - PAN_HALF + 12} y2={p.y + dishDrop} class="string" />
      <line x1={p.x} y1={p.y} x2={p.x + PAN_HALF - 12} y2={p.y + dishDrop} class="string" />
      {pile(items, p.x, p.y + dishDrop - 1)}
      <path d={`M ${p.x - PAN_HALF} ${p.y + dishDrop} Q ${p.x} ${p.y + dishDrop + 26} ${p.x + PAN_HALF} ${p.y + dishDrop} Z`} class="pan-dish" />
      <text x={side === 'benefit' ? 12 : W - 12} y={labelsTop} text-anchor={side === 'benefit' ? 'start' : 'end'} class="pan-title">
        {title}
      </text>
      {labels.map((l, i) => (
        <text
          key={i}
          x={side === 'benefit' ? 12 : W - 12}
          y={labelsTop + 18 * (i + 1)}
          text-anchor={side === 'benefit' ? 'start' : 'end'}
          class={l.cls}
          xml:space="preserve"
        >
          {l.text}
        </text>
      ))}
    </g>
  );
  const label = `Scale: benefits weigh ${weightText(s.benefitWeight)}, risks ${weightText(s.riskWeight)}${decisive ? ` and ${decisive} deciding reason${decisive === 1 ? '' : 's'} against` : ''}; ${
    s.undecided ? 'the record lacks data needed to settle it' : s.tilt > 0 ? 'tips to the risks' : s.tilt < 0 ? 'tips to the benefits' : 'level'
  }. ${s.applied}`;
  return (
    <svg class="scale" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} data-tilt={s.tilt}>
      <polygon points={`${cx},${PIVOT_Y} ${cx - 28},${PIVOT_Y + 150} ${cx + 28},${PIVOT_Y + 150}`} class="fulcrum" />
      <line x1={left.x} y1={left.y} x2={right.x} y2={right.y} class="beam" />
      <circle cx={cx} cy={PIVOT_Y} r={6} class="pivot" />
      {s.undecided && (
        <text x={cx} y={PIVOT_Y - 20} text-anchor="middle" class="undecided">
          ? data missing
        </text>
      )}
      {pan(left, 'benefit', s.benefits, `Benefits: weigh ${weightText(s.benefitWeight)}`, benefitLabels)}
      {pan(right, 'risk', s.risks, `Risks: weigh ${weightText(s.riskWeight)}${decisive ? ` + ${decisive} deciding` : ''}`, riskLabels)}
    </svg>
  );
}

function Swatch({ cls, shape }: { cls: string; shape: 'rect' | 'circle' | 'decisive' }) {
  return (
    <svg class="swatch" viewBox="0 0 24 14" aria-hidden="true">
      {shape === 'circle' ? (
        <circle cx={12} cy={7} r={6} class={cls} />
      ) : (
        <rect
          x={shape === 'decisive' ? 1 : 2}
          y={shape === 'decisive' ? 0 : 2}
          width={shape === 'decisive' ? 22 : 20}
          height={shape === 'decisive' ? 14 : 10}
          rx={2}
          class={cls}
        />
      )}
    </svg>
  );
}

export function ScaleLegend() {
  return (
    <ul class="scale-legend">
      <li>
        <Swatch cls="token trial fit-inside" shape="rect" /> trial, patient inside its box (½ width: uncertain; outline: outside, weighs 0)
      </li>
      <li>
        <Swatch cls="token factor effect-for" shape="rect" /> patient factor for
      </li>
      <li>
        <Swatch cls="token label-risk" shape="circle" /> label risk (ringed: raised by a patient factor)
      </li>
      <li>
        <Swatch cls="token factor effect-caution" shape="rect" /> patient factor: caution
      </li>
      <li>
        <Swatch cls="token factor effect-against" shape="decisive" /> patient factor against or contraindication: decides
      </li>
    </ul>
  );
}

/** The rule the tilt follows and what it gives here, written under the picture. */
export function TiltRule({ scale }: { scale: Scale }) {
  return (
    <div class="tilt-rule">
      <p>{TILT_RULE}</p>
      <p>
        <strong>{scale.applied}</strong> ▶ marks the reasons that tipped the verdict.
      </p>
    </div>
  );
}

function weighs(w: number | null): string {
  return w === null ? 'decides' : `weighs ${weightText(w)}`;
}

/** Everything on both pans as text: what a screen reader is told of the picture, in full. */
export function ScaleContents({ scale: s }: { scale: Scale }) {
  return (
    <section aria-labelledby="on-scale-heading" class="on-scale">
      <h4 id="on-scale-heading">On the scale</h4>
      <div class="two-col">
        <div>
          <h5 id="benefit-side-heading">Benefit side (weighs {weightText(s.benefitWeight)})</h5>
          <ul aria-labelledby="benefit-side-heading" class="scale-items benefit-items">
            {s.benefits.map((it) =>
              it.kind === 'trial' ? (
                <li key={it.key} class="scale-item trial" data-kind="trial">
                  <span class="kind">Trial</span> <strong>{it.name}</strong>:{' '}
                  {it.fit === 'no-box'
                    ? 'a finding without an eligibility box'
                    : it.fit === 'inside'
                      ? "inside the patient's evidence box"
                      : it.fit === 'outside'
                        ? "outside the patient's evidence box"
                        : 'uncertain whether inside the evidence box'}{' '}
                  ({weighs(it.weight)}). {it.results.map((b) => b.detail).join('; ')}.
                </li>
              ) : (
                <Factor key={it.key} f={it} />
              ),
            )}
          </ul>
        </div>
        <div>
          <h5 id="risk-side-heading">
            Risk side (weighs {weightText(s.riskWeight)}
            {s.risks.some((x) => x.weight === null) ? ', with reasons that decide alone' : ''})
          </h5>
          <ul aria-labelledby="risk-side-heading" class="scale-items risk-items">
            {s.risks.map((it) =>
              it.kind === 'label-risk' ? (
                <li key={it.key} class="scale-item label-risk" data-kind="label-risk">
                  <span class="kind">Label risk</span> <strong>{it.name}</strong>: {it.frequency ? `${it.frequency.text} people` : it.frequencyText} (
                  {weighs(it.weight)}){it.raisedBy.length ? <>; raised for this patient by {it.raisedBy.join(', ')}</> : null}.
                </li>
              ) : (
                <Factor key={it.key} f={it} />
              ),
            )}
          </ul>
        </div>
      </div>
    </section>
  );
}

function Factor({ f }: { f: FactorItem }) {
  return (
    <li class={`scale-item patient-factor effect-${f.reason.effect}${f.tipping ? ' tipping' : ''}`} data-kind="patient-factor">
      <span class="kind">Patient factor, {EFFECT_WORD[f.reason.effect]}</span>
      {f.tipping ? <strong> (tipped the verdict)</strong> : null} {f.reason.message} ({weighs(f.weight)}
      {f.raises.length ? `; raises ${f.raises.join('; ')}` : ''}) <code class="muted">{f.reason.code}</code>
    </li>
  );
}
