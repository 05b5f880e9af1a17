/**
 * Which slices (sites, service lines, teams) explain the change of a KPI between two windows.
 *
 * Ratio KPIs (ratio of sums, e.g. AHT = sum handle seconds / sum handled contacts) are a weighted mean
 * of the slices' rates: R = sum_i w_i r_i with weight w_i = D_i / sum D (the slice's share of the
 * denominator, its "mix") and rate r_i = N_i / D_i. The change between a before window (0) and an after
 * window (1) splits exactly into one term per slice (symmetric two-factor decomposition):
 *
 *   w1 r1 - w0 r0 = rate effect + mix effect
 *   rate effect_i = (w0_i + w1_i) / 2 * (r1_i - r0_i)                 the slice's own rate moved
 *   mix effect_i  = (w1_i - w0_i) * ((r0_i + r1_i) / 2 - (R0 + R1) / 2)  volume moved towards a slice
 *                                                                        whose rate is above/below average
 *
 * The mix term is centred on the average total rate, which changes nothing in the sum (the weight
 * changes add up to 0) but makes each slice's mix effect readable on its own: volume moving to a slower
 * site raises AHT, volume moving to an average site changes nothing. Contributions add up to R1 - R0
 * exactly. A slice that is missing in one window keeps its rate from the other window (pure mix effect).
 *
 * Sum KPIs (counts, stocks): contribution_i = N1_i - N0_i, all of it "rate".
 */
export interface WindowComponents {
  readonly numerator: number;
  /** Null or 0 when the slice has no denominator in the window (ratio mode: no volume). */
  readonly denominator: number | null;
}

export interface SliceWindows {
  /** Opaque key of the slice (e.g. a site id, "siteId/serviceLine"). */
  readonly key: string;
  readonly before: WindowComponents;
  readonly after: WindowComponents;
}

export type AttributionMode = 'ratio' | 'sum';

export interface SliceContribution {
  readonly key: string;
  /** The slice's own value (rate, or sum) before and after; null without volume. */
  readonly beforeValue: number | null;
  readonly afterValue: number | null;
  /** Share of the total denominator before and after (ratio mode; 0 in sum mode). */
  readonly beforeWeight: number;
  readonly afterWeight: number;
  readonly rateEffect: number;
  readonly mixEffect: number;
  /** rateEffect + mixEffect: this slice's part of the total change, in KPI units. */
  readonly contribution: number;
  /** contribution / total change (null when the total did not change). */
  readonly share: number | null;
}

export interface ChangeAttribution {
  readonly mode: AttributionMode;
  /** The total value before and after (ratio of sums, or sum); null when undefined. */
  readonly before: number | null;
  readonly after: number | null;
  /** after - before, null when either is undefined. */
  readonly change: number | null;
  /** Relative change (after / before - 1); null when before is 0 or undefined. */
  readonly relativeChange: number | null;
  /** Slices sorted by |contribution|, largest first (ties by key). */
  readonly slices: readonly SliceContribution[];
}

/** Splits the change of a KPI between two windows into per-slice contributions (see the file comment). */
export function attributeChange(slices: readonly SliceWindows[], mode: AttributionMode): ChangeAttribution {
  const rows = mode === 'ratio' ? attributeRatio(slices) : attributeSum(slices);
  const { before, after, contributions } = rows;
  const change = before !== null && after !== null ? after - before : null;
  const sorted = contributions
    .map((c) => ({ ...c, share: change !== null && change !== 0 ? c.contribution / change : null }))
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || a.key.localeCompare(b.key));
  return {
    mode,
    before,
    after,
    change,
    relativeChange: before !== null && after !== null && before !== 0 ? after / before - 1 : null,
    slices: sorted,
  };
}

type Partial = Omit<SliceContribution, 'share'>;

function attributeSum(slices: readonly SliceWindows[]): {
  before: number | null;
  after: number | null;
  contributions: Partial[];
} {
  let before = 0;
  let after = 0;
  const contributions = slices.map((s): Partial => {
    const b = finite(s.before.numerator);
    const a = finite(s.after.numerator);
    before += b;
    after += a;
    return {
      key: s.key,
      beforeValue: b,
      afterValue: a,
      beforeWeight: 0,
      afterWeight: 0,
      rateEffect: a - b,
      mixEffect: 0,
      contribution: a - b,
    };
  });
  return { before: slices.length ? before : null, after: slices.length ? after : null, contributions };
}

function attributeRatio(slices: readonly SliceWindows[]): {
  before: number | null;
  after: number | null;
  contributions: Partial[];
} {
  const volume = (w: WindowComponents) => {
    const d = w.denominator;
    return d !== null && Number.isFinite(d) && d > 0 ? d : 0;
  };
  let n0 = 0;
  let d0 = 0;
  let n1 = 0;
  let d1 = 0;
  for (const s of slices) {
    if (volume(s.before) > 0) {
      n0 += finite(s.before.numerator);
      d0 += volume(s.before);
    }
    if (volume(s.after) > 0) {
      n1 += finite(s.after.numerator);
      d1 += volume(s.after);
    }
  }
  const before = d0 > 0 ? n0 / d0 : null;
  const after = d1 > 0 ? n1 / d1 : null;
  const average = before !== null && after !== null ? (before + after) / 2 : (before ?? after ?? 0);
  const contributions = slices.map((s): Partial => {
    const v0 = volume(s.before);
    const v1 = volume(s.after);
    const ownBefore = v0 > 0 ? finite(s.before.numerator) / v0 : null;
    const ownAfter = v1 > 0 ? finite(s.after.numerator) / v1 : null;
    const w0 = d0 > 0 ? v0 / d0 : 0;
    const w1 = d1 > 0 ? v1 / d1 : 0;
    // A slice absent from one window keeps its rate from the other: its change is all mix.
    const r0 = ownBefore ?? ownAfter ?? 0;
    const r1 = ownAfter ?? ownBefore ?? 0;
    const rateEffect = before !== null && after !== null ? ((w0 + w1) / 2) * (r1 - r0) : 0;
    const mixEffect = before !== null && after !== null ? (w1 - w0) * ((r0 + r1) / 2 - average) : 0;
    return {
      key: s.key,
      beforeValue: ownBefore,
      afterValue: ownAfter,
      beforeWeight: w0,
      afterWeight: w1,
      rateEffect,
      mixEffect,
      contribution: rateEffect + mixEffect,
    };
  });
  return { before, after, contributions };
}

function finite(x: number): number {
  return Number.isFinite(x) ? x : 0;
}
