import { aSeries, createPrng, GeneratedSeries, Prng, SeriesBuilder } from '@kpi/testing';

/**
 * The labelled synthetic benchmark set for drift detection (fixed seed, committed generator).
 * Every series is daily (except the business-day ones) with ground truth change indices.
 * Sizes are expressed in noise standard deviations (sigma) and converted to relative sizes.
 */
export type BenchCategory =
  | 'no_change'
  | 'step'
  | 'two_steps'
  | 'ramp'
  | 'variance'
  | 'outliers'
  | 'constant'
  | 'constant_step'
  | 'short'
  | 'missing_gaps'
  | 'autocorrelated'
  | 'business_days';

export interface BenchSeries {
  readonly id: string;
  readonly category: BenchCategory;
  readonly series: GeneratedSeries;
}

/** Weekday profiles (Monday first): flat, contact-center week, strong weekend dip, Monday peak. */
const WEEKLY_PROFILES: readonly (readonly number[])[] = [
  [1, 1, 1, 1, 1, 1, 1],
  [1.1, 1, 1, 1, 0.95, 0.8, 0.7],
  [1.05, 1.05, 1, 1, 1, 0.6, 0.5],
  [1.25, 1.05, 1, 0.95, 0.9, 0.85, 0.85],
];

/** Valid points of the default baseline (8 weeks): no change is planted before BASELINE + margin. */
export const BENCH_BASELINE_POINTS = 56;
export const BENCH_LENGTH = 730;
export const BENCH_SEED = 20250601;

const COUNTS: Record<BenchCategory, number> = {
  no_change: 110,
  step: 150,
  two_steps: 30,
  ramp: 70,
  variance: 50,
  outliers: 60,
  constant: 10,
  constant_step: 10,
  short: 30,
  missing_gaps: 50,
  autocorrelated: 40,
  business_days: 20,
};

const STEP_SIGMAS = [0.75, 1, 1.5, 2, 3, 5];

function base(rng: Prng, seed: number, length = BENCH_LENGTH): { builder: SeriesBuilder; noise: number } {
  const noise = 0.02 + 0.04 * rng.next();
  const builder = aSeries({ seed })
    .daily(length, '2023-01-02')
    .level(50 + Math.round(450 * rng.next()))
    .noise(noise)
    .weekly(rng.pick(WEEKLY_PROFILES));
  if (rng.chance(0.5)) builder.lowerIsBetter();
  return { builder, noise };
}

function changeIndex(rng: Prng, from = BENCH_BASELINE_POINTS + 30, to = BENCH_LENGTH - 40): number {
  return rng.int(from, to);
}

function addStep(rng: Prng, builder: SeriesBuilder, noise: number, at: number): void {
  builder.withStep(at, rng.pick([-1, 1]) * rng.pick(STEP_SIGMAS) * noise);
}

/** Builds the benchmark set; deterministic for a seed. */
export function buildDriftBenchmarkSet(seed = BENCH_SEED): BenchSeries[] {
  const rng = createPrng(seed);
  const out: BenchSeries[] = [];
  let serial = 0;
  const push = (category: BenchCategory, series: GeneratedSeries) =>
    out.push({ id: `${category}-${serial++}`, category, series });
  for (const [category, count] of Object.entries(COUNTS) as [BenchCategory, number][]) {
    for (let k = 0; k < count; k++) {
      const seriesSeed = rng.int(1, 2 ** 31 - 1);
      const { builder, noise } = base(rng, seriesSeed);
      switch (category) {
        case 'no_change':
          break;
        case 'step':
          addStep(rng, builder, noise, changeIndex(rng));
          break;
        case 'two_steps': {
          const first = changeIndex(rng, BENCH_BASELINE_POINTS + 30, 400);
          addStep(rng, builder, noise, first);
          addStep(rng, builder, noise, changeIndex(rng, first + 80, BENCH_LENGTH - 40));
          break;
        }
        case 'ramp': {
          // Reaches 1.5 to 5 sigma after 60 points and keeps going to the end (at most 230 points).
          const total = (1.5 + 3.5 * rng.next()) * noise;
          builder.withRamp(changeIndex(rng, 500, 660), (rng.pick([-1, 1]) * total) / 60);
          break;
        }
        case 'variance':
          builder.withVarianceChange(changeIndex(rng), 1.75 + 1.25 * rng.next());
          break;
        case 'outliers': {
          const n = rng.int(1, 4);
          for (let i = 0; i < n; i++) {
            const at = changeIndex(rng, BENCH_BASELINE_POINTS + 5, BENCH_LENGTH - 5);
            // Isolated bad days (6 to 15 sigma) or a holiday-like drop of 30-50 %.
            builder.withOutlier(
              at,
              rng.chance(0.3) ? -(0.3 + 0.2 * rng.next()) : rng.pick([-1, 1]) * (6 + 9 * rng.next()) * noise,
            );
          }
          break;
        }
        case 'constant':
          builder.constant();
          break;
        case 'constant_step':
          builder.constant().withStep(changeIndex(rng), rng.pick([-1, 1]) * 0.05);
          break;
        case 'short':
          builder.daily(rng.int(1, 50), '2023-01-02');
          if (rng.chance(0.5)) builder.withMissing(0.2);
          break;
        case 'missing_gaps':
          builder.withMissing(0.1 + 0.1 * rng.next()).withGaps(0.1);
          if (rng.chance(0.7))
            addStep(rng, builder, noise, changeIndex(rng, BENCH_BASELINE_POINTS + 60, BENCH_LENGTH - 40));
          break;
        case 'autocorrelated':
          builder.autocorrelation(0.2 + 0.3 * rng.next());
          if (rng.chance(0.5)) addStep(rng, builder, noise, changeIndex(rng));
          break;
        case 'business_days':
          builder.businessDays(BENCH_LENGTH, '2023-01-02');
          if (rng.chance(0.7)) addStep(rng, builder, noise, changeIndex(rng));
          break;
      }
      push(category, builder.build());
    }
  }
  return out;
}
