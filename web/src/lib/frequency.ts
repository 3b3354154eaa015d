// A risk's frequency the way patient decision aids show it: a natural frequency ("about 35 in 100")
// over a denominator a reader can picture as people (100, or 1,000 when fewer than 1 in 100 are
// affected), with the range it rests on. The numbers are the assessment's own weights (`low`/`high`,
// proportions); a risk the knowledge base gives only in words ("rare") has no frequency here.

export interface Frequency {
  /** How many figures the icon array draws. */
  denominator: 100 | 1000;
  /** The central estimate, in figures out of the denominator (the midpoint of low and high). */
  count: number;
  low: number;
  high: number;
  /** "about 35 in 100 (30 to 40 in 100)" */
  text: string;
}

const DENOMINATOR_TEXT = { 100: '100', 1000: '1,000' } as const;

/**
 * `over` fixes the number of people drawn (the comparison view draws every therapy over 1,000, so
 * that rows can be set side by side); without it the range chooses, as below.
 */
export function frequencyOf(low: number | undefined, high: number | undefined, over?: 100 | 1000): Frequency | undefined {
  const lo = low ?? high;
  const hi = high ?? low;
  if (lo === undefined || hi === undefined || !Number.isFinite(lo) || !Number.isFinite(hi)) return undefined;
  const [a, b] = lo <= hi ? [lo, hi] : [hi, lo];
  if (a < 0 || b > 1) return undefined;
  const mid = (a + b) / 2;
  // A range reaching down to at least 1 in 100 reads best over 100 people; one reaching below it
  // would draw none or one figure of 100 at its low end, so 1,000 are drawn.
  const denominator: 100 | 1000 = over ?? (a * 100 >= 1 - 1e-9 ? 100 : 1000);
  const count = Math.round(mid * denominator);
  const lowCount = Math.round(a * denominator);
  const highCount = Math.round(b * denominator);
  const per = DENOMINATOR_TEXT[denominator];
  const n = (x: number) => x.toLocaleString('en-GB');
  const central = count === 0 ? `fewer than 1 in ${per}` : `about ${n(count)} in ${per}`;
  const text = lowCount === highCount ? central : `${central} (${n(lowCount)} to ${n(highCount)} in ${per})`;
  return { denominator, count, low: lowCount, high: highCount, text };
}
