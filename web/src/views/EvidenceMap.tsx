import type { Assessment } from '../api/types.js';
import { boxText, evidenceMap, insideBox, type TrialFile } from '../lib/evidence-map.js';

// The trials' eligibility boxes come from knowledge/trials, the data the assessment engine itself
// reads, bundled at build time.
const TRIALS: TrialFile[] = Object.values(import.meta.glob<TrialFile>('../../../knowledge/trials/*.json', { eager: true, import: 'default' }));

const W = 560;
const H = 300;
const L = 48;
const R = 16;
const T = 16;
const B = 40;
const COLORS = ['#1565c0', '#2e7d32', '#6a1b9a', '#ad1457', '#00695c'];

export function EvidenceMap({ assessment }: { assessment: Assessment }) {
  const course = assessment.course as Parameters<typeof evidenceMap>[3];
  const m = evidenceMap(assessment.drug, TRIALS, assessment.evidenceBase as Parameters<typeof evidenceMap>[2], course);
  if (m.boxes.length === 0) return null;
  const limits = m.boxes.flatMap((b) => b.strips.map((s) => s.maxYears ?? 0));
  const xMax = Math.max(12, Math.ceil(Math.max(...limits, m.patient?.maxYears ?? 0) + 2));
  const x = (years: number) => L + (Math.min(years, xMax) / xMax) * (W - L - R);
  const y = (edss: number) => T + ((10 - edss) / 10) * (H - T - B);
  const p = m.patient;
  const summary = [
    ...m.boxes.map(
      (b) => `${b.study}: ${boxText(b)}${p ? `; the patient is ${insideBox(b, p) === 'straddles' ? 'on the border (onset uncertain)' : insideBox(b, p)}` : ''}`,
    ),
  ].join('. ');
  const placeText = p
    ? `This patient: ${p.minYears === p.maxYears ? `${p.minYears.toFixed(1)} years` : `${p.minYears.toFixed(1)} to ${p.maxYears.toFixed(1)} years`} since onset, EDSS ${p.edss.toFixed(1)} (${p.edssDate}).`
    : m.unplaced!;
  const ticks = Array.from({ length: Math.floor(xMax / 2) + 1 }, (_, i) => i * 2);
  return (
    <figure class="evidence-map">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${summary}. ${placeText}`}>
        {[0, 2, 4, 6, 8, 10].map((e) => (
          <g key={`y${e}`}>
            <line x1={L} x2={W - R} y1={y(e)} y2={y(e)} class="grid" />
            <text x={L - 6} y={y(e) + 4} text-anchor="end" class="tick">
              {e}
            </text>
          </g>
        ))}
        {ticks.map((t) => (
          <text key={`x${t}`} x={x(t)} y={H - B + 16} text-anchor="middle" class="tick">
            {t}
          </text>
        ))}
        <text x={(L + W - R) / 2} y={H - 4} text-anchor="middle" class="axis-title">
          Years since symptom onset
        </text>
        <text x={12} y={(T + H - B) / 2} text-anchor="middle" class="axis-title" transform={`rotate(-90 12 ${(T + H - B) / 2})`}>
          EDSS
        </text>
        {m.boxes.map((b, i) => {
          const color = COLORS[i % COLORS.length]!;
          // The trial's name at the top right of its highest strip.
          const top = b.strips[b.strips.length - 1]!;
          const topRight = top.maxYears !== undefined ? x(top.maxYears) : W - R;
          return (
            <g key={b.trial}>
              {b.strips.map((st) => {
                const x1 = st.maxYears !== undefined ? x(st.maxYears) : W - R;
                return (
                  <rect
                    key={st.edssMin}
                    x={x(0)}
                    y={y(st.edssMax)}
                    width={x1 - x(0)}
                    height={y(st.edssMin) - y(st.edssMax)}
                    fill={color}
                    fill-opacity={0.08}
                    stroke={color}
                    stroke-width={2}
                    stroke-dasharray={st.maxYears === undefined ? '6 4' : undefined}
                  />
                );
              })}
              <text x={topRight - 4} y={y(top.edssMax) + 14} text-anchor="end" fill={color} class="box-label">
                {b.study}
              </text>
            </g>
          );
        })}
        {p && (
          <g class="patient">
            {p.maxYears > p.minYears && <line x1={x(p.minYears)} x2={x(p.maxYears)} y1={y(p.edss)} y2={y(p.edss)} class="patient-span" />}
            <circle cx={x((p.minYears + p.maxYears) / 2)} cy={y(p.edss)} r={6} class="patient-dot" />
            <text x={x((p.minYears + p.maxYears) / 2) + 10} y={y(p.edss) - 8} class="patient-label">
              This patient
            </text>
          </g>
        )}
      </svg>
      <figcaption>
        {placeText} Boxes: each trial's eligibility for onset and EDSS (dashed: no limit on time since onset; steps: the limit on onset depends on the EDSS).
        {m.unplotted.length ? ` ${m.unplotted.join(', ')} set no onset or EDSS limit and is not drawn.` : ''}
      </figcaption>
    </figure>
  );
}
