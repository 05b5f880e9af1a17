import { findBuiltInKpi } from '@kpi/domain';
import { dayNumberToIsoDate, isoDateToDayNumber, weekdayOfDayNumber } from './calendar';
import { createPrng } from './prng';

export type SeriesBetterWhen = 'higher' | 'lower';
export type TruthChangeKind = 'step' | 'ramp' | 'variance';

/** One true change planted in a generated series (the ground truth a detector should find). */
export interface TruthChange {
  /** 0-based index of the first point of the new regime. */
  readonly index: number;
  readonly kind: TruthChangeKind;
  /** Whether the change makes the KPI worse (given betterWhen) or better. */
  readonly direction: 'adverse' | 'favourable';
  /** step: relative level change; ramp: relative change per point; variance: factor on the noise sd. */
  readonly size: number;
}

export interface GeneratedSeries {
  readonly seed: number;
  readonly values: (number | null)[];
  readonly dates: string[];
  readonly betterWhen: SeriesBetterWhen;
  /** Absolute noise standard deviation before any variance change (level x relative noise). */
  readonly noiseSd: number;
  readonly truth: {
    readonly changes: readonly TruthChange[];
    readonly outliers: readonly number[];
    readonly missing: readonly number[];
  };
}

interface Step {
  at: number;
  rel: number;
}
interface Ramp {
  from: number;
  relPerPoint: number;
  until: number;
}
interface VarianceChange {
  at: number;
  factor: number;
}
interface Outlier {
  at: number;
  rel: number;
}

const DEFAULT_START_DATE = '2024-01-01';
const FLAT_WEEK: readonly number[] = [1, 1, 1, 1, 1, 1, 1];

/**
 * Fluent, seeded builder of synthetic KPI series with known ground truth.
 *
 * Model per point i (calendar day d_i, ISO weekday w_i):
 *   base_i  = level * (1 + sum of active steps + sum of ramp contributions)
 *   x_i     = base_i * weekly[w_i] + level * noise * sdFactor_i * e_i        (+ level * outlier)
 *   e_i     = phi * e_{i-1} + sqrt(1 - phi^2) * N(0, 1)                     (AR(1), unit variance)
 * The noise, missing-value and calendar-gap draws use separate streams, so adding a step to the same
 * seed does not change the noise realisation.
 *
 * @example
 *   aSeries({ seed: 7 }).daily(730).level(300).noise(0.03).weekly([1.1, 1, 1, 1, 0.95, 0.8, 0.7])
 *     .withStep(400, 0.1).withOutlier(200, -0.4).lowerIsBetter().build()
 */
export class SeriesBuilder {
  private length = 365;
  private startDate = DEFAULT_START_DATE;
  private businessDaysOnly = false;
  private gapFraction = 0;
  private baseLevel = 100;
  private relNoise = 0.03;
  private weeklyFactors: readonly number[] = FLAT_WEEK;
  private phi = 0;
  private direction: SeriesBetterWhen = 'higher';
  private missingFraction = 0;
  private readonly missingAt: number[] = [];
  private readonly steps: Step[] = [];
  private readonly ramps: Ramp[] = [];
  private readonly variances: VarianceChange[] = [];
  private readonly outliers: Outlier[] = [];

  constructor(private readonly seed: number) {}

  /** n consecutive calendar days starting at `start` (ISO yyyy-mm-dd). */
  daily(n: number, start: string = DEFAULT_START_DATE): this {
    this.length = n;
    this.startDate = start;
    this.businessDaysOnly = false;
    return this;
  }

  /** n business days (Monday to Friday) starting at or after `start`. */
  businessDays(n: number, start: string = DEFAULT_START_DATE): this {
    this.daily(n, start);
    this.businessDaysOnly = true;
    return this;
  }

  /** Drops a random fraction of calendar days, so the dates become irregularly spaced. */
  withGaps(fraction: number): this {
    this.gapFraction = fraction;
    return this;
  }

  level(value: number): this {
    this.baseLevel = value;
    return this;
  }

  /** Noise standard deviation relative to the base level (0.03 = 3 % of level). */
  noise(relativeSd: number): this {
    this.relNoise = relativeSd;
    return this;
  }

  /** A constant series (no noise); steps, ramps and outliers still apply. */
  constant(): this {
    this.relNoise = 0;
    return this;
  }

  /** Multiplicative weekday factors, Monday first (7 numbers). */
  weekly(factors: readonly number[]): this {
    if (factors.length !== 7) throw new Error('weekly() needs 7 factors, Monday first');
    this.weeklyFactors = [...factors];
    return this;
  }

  /** AR(1) autocorrelation of the noise (0 = independent days). */
  autocorrelation(phi: number): this {
    this.phi = phi;
    return this;
  }

  higherIsBetter(): this {
    this.direction = 'higher';
    return this;
  }

  lowerIsBetter(): this {
    this.direction = 'lower';
    return this;
  }

  /** Takes the direction from the built-in KPI catalog (e.g. 'aht' is lower is better). */
  forKpi(code: string): this {
    const kpi = findBuiltInKpi(code);
    if (!kpi) throw new Error(`Unknown KPI code ${code}`);
    this.direction = kpi.direction === 'lower_is_better' ? 'lower' : 'higher';
    return this;
  }

  /** Level step of `relChange` x level from index `at` on (e.g. +0.1 = 10 % up). */
  withStep(at: number, relChange: number): this {
    this.steps.push({ at, rel: relChange });
    return this;
  }

  /** Linear ramp from index `from`: the level moves by relPerPoint x level per point, until `until` (exclusive) or the end. */
  withRamp(from: number, relPerPoint: number, until: number = Number.POSITIVE_INFINITY): this {
    this.ramps.push({ from, relPerPoint, until });
    return this;
  }

  /** Multiplies the noise standard deviation by `factor` from index `at` on. */
  withVarianceChange(at: number, factor: number): this {
    this.variances.push({ at, factor });
    return this;
  }

  /** A single bad (or good) day: adds relSize x level at index `at` (e.g. -0.4 for a holiday). */
  withOutlier(at: number, relSize: number): this {
    this.outliers.push({ at, rel: relSize });
    return this;
  }

  /** Sets a random fraction of the values to null. */
  withMissing(fraction: number): this {
    this.missingFraction = fraction;
    return this;
  }

  /** Sets the values at these indices to null. */
  withMissingAt(indices: readonly number[]): this {
    this.missingAt.push(...indices);
    return this;
  }

  build(): GeneratedSeries {
    const n = Math.max(0, Math.floor(this.length));
    const noiseRng = createPrng(this.seed);
    const missingRng = createPrng(this.seed ^ 0x5bd1e995);
    const calendarRng = createPrng(this.seed ^ 0x27d4eb2f);
    const betterSign = this.direction === 'higher' ? 1 : -1;

    const days = this.buildCalendar(n, calendarRng.chance);
    const values: (number | null)[] = new Array(n);
    const sdAbs = this.baseLevel * this.relNoise;
    const innovationScale = Math.sqrt(1 - this.phi * this.phi);
    let e = 0;
    for (let i = 0; i < n; i++) {
      let rel = 0;
      for (const s of this.steps) if (i >= s.at) rel += s.rel;
      for (const r of this.ramps)
        if (i >= r.from) rel += r.relPerPoint * (Math.min(i, r.until - 1) - r.from + 1);
      let sdFactor = 1;
      for (const v of this.variances) if (i >= v.at) sdFactor *= v.factor;
      const z = noiseRng.normal();
      e = i === 0 ? z : this.phi * e + innovationScale * z;
      let x =
        this.baseLevel * (1 + rel) * this.weeklyFactors[weekdayOfDayNumber(days[i])] + sdAbs * sdFactor * e;
      for (const o of this.outliers) if (o.at === i) x += this.baseLevel * o.rel;
      values[i] = x;
    }

    const missing = new Set<number>(this.missingAt.filter((i) => i >= 0 && i < n));
    if (this.missingFraction > 0)
      for (let i = 0; i < n; i++) if (missingRng.chance(this.missingFraction)) missing.add(i);
    for (const i of missing) values[i] = null;

    const changes: TruthChange[] = [
      ...this.steps.map((s) => ({ index: s.at, kind: 'step' as const, size: s.rel, sign: Math.sign(s.rel) })),
      ...this.ramps.map((r) => ({
        index: r.from,
        kind: 'ramp' as const,
        size: r.relPerPoint,
        sign: Math.sign(r.relPerPoint),
      })),
      ...this.variances.map((v) => ({
        index: v.at,
        kind: 'variance' as const,
        size: v.factor,
        sign: v.factor > 1 ? -betterSign : betterSign,
      })),
    ]
      .filter((c) => c.index >= 0 && c.index < n)
      .sort((a, b) => a.index - b.index)
      .map(({ index, kind, size, sign }) => ({
        index,
        kind,
        size,
        direction: sign * betterSign > 0 ? ('favourable' as const) : ('adverse' as const),
      }));

    return {
      seed: this.seed,
      values,
      dates: days.map(dayNumberToIsoDate),
      betterWhen: this.direction,
      noiseSd: sdAbs,
      truth: {
        changes,
        outliers: this.outliers.map((o) => o.at).filter((i) => i >= 0 && i < n),
        missing: [...missing].sort((a, b) => a - b),
      },
    };
  }

  private buildCalendar(n: number, chance: (p: number) => boolean): number[] {
    const days: number[] = [];
    let day = isoDateToDayNumber(this.startDate);
    while (days.length < n) {
      const weekend = weekdayOfDayNumber(day) >= 5;
      const dropped = this.gapFraction > 0 && days.length > 0 && chance(this.gapFraction);
      if (!(this.businessDaysOnly && weekend) && !dropped) days.push(day);
      day++;
    }
    return days;
  }
}

/** Starts a seeded synthetic series (see {@link SeriesBuilder}). */
export function aSeries(options: { seed: number }): SeriesBuilder {
  return new SeriesBuilder(options.seed);
}
