import { createPrng, Prng } from './prng';

/** Evaluations of one group (team, site, provider, form version...) in one window. */
export interface GeneratedQaSample {
  /** Evaluation scores in [0, 1]; auto-failed evaluations score 0. */
  readonly scores: number[];
  /** Scores of the evaluations that did not auto-fail (the quality of the passed evaluations). */
  readonly scoresWithoutAutoFails: number[];
  readonly autoFails: number;
  readonly evaluations: number;
}

export interface GeneratedQaGroup {
  readonly key: string;
  readonly baseline: GeneratedQaSample;
  readonly recent: GeneratedQaSample;
}

export interface QaRegressionSpec {
  /** Drop of the mean score of non-auto-failed evaluations (e.g. 0.05 = 5 points on a 0..1 scale). */
  readonly scoreDrop?: number;
  /** Rise of the auto-fail rate (e.g. 0.04 = 4 percentage points). */
  readonly autoFailRise?: number;
}

export interface GeneratedQaPopulation {
  readonly groups: GeneratedQaGroup[];
  /** Keys of the groups that truly regress in the recent window. */
  readonly regressedKeys: string[];
}

/**
 * Seeded builder of QA evaluations for many groups, with known regressions.
 * Each evaluation auto-fails with the group's auto-fail rate (score 0), otherwise scores
 * N(mean, sd) clamped to [0, 1]. Group means vary a little around the population mean.
 *
 * @example aQaPopulation({ seed: 3 }).groups(40).withRegression(5, { scoreDrop: 0.06 }).build()
 */
export class QaPopulationBuilder {
  private groupCount = 40;
  private baselineEvaluations = 150;
  private recentEvaluations = 60;
  private meanScore = 0.86;
  private scoreSd = 0.08;
  private groupMeanSpread = 0.02;
  private autoFailRate = 0.03;
  private readonly regressions = new Map<number, QaRegressionSpec>();

  constructor(private readonly seed: number) {}

  groups(count: number): this {
    this.groupCount = count;
    return this;
  }

  evaluations(baseline: number, recent: number): this {
    this.baselineEvaluations = baseline;
    this.recentEvaluations = recent;
    return this;
  }

  score(mean: number, sd: number): this {
    this.meanScore = mean;
    this.scoreSd = sd;
    return this;
  }

  autoFail(rate: number): this {
    this.autoFailRate = rate;
    return this;
  }

  withRegression(groupIndex: number, spec: QaRegressionSpec): this {
    this.regressions.set(groupIndex, spec);
    return this;
  }

  build(): GeneratedQaPopulation {
    const rng = createPrng(this.seed);
    const groups: GeneratedQaGroup[] = [];
    const regressedKeys: string[] = [];
    for (let g = 0; g < this.groupCount; g++) {
      const key = `team-${String(g + 1).padStart(2, '0')}`;
      const groupMean = this.meanScore + this.groupMeanSpread * rng.normal();
      const spec = this.regressions.get(g);
      if (spec) regressedKeys.push(key);
      groups.push({
        key,
        baseline: this.sample(rng, this.baselineEvaluations, groupMean, this.autoFailRate),
        recent: this.sample(
          rng,
          this.recentEvaluations,
          groupMean - (spec?.scoreDrop ?? 0),
          this.autoFailRate + (spec?.autoFailRise ?? 0),
        ),
      });
    }
    return { groups, regressedKeys };
  }

  private sample(rng: Prng, count: number, mean: number, autoFailRate: number): GeneratedQaSample {
    const scores: number[] = [];
    const scoresWithoutAutoFails: number[] = [];
    let autoFails = 0;
    for (let i = 0; i < count; i++) {
      if (rng.chance(autoFailRate)) {
        autoFails++;
        scores.push(0);
      } else {
        const score = Math.min(1, Math.max(0, mean + this.scoreSd * rng.normal()));
        scores.push(score);
        scoresWithoutAutoFails.push(score);
      }
    }
    return { scores, scoresWithoutAutoFails, autoFails, evaluations: count };
  }
}

/** Starts a seeded QA population (see {@link QaPopulationBuilder}). */
export function aQaPopulation(options: { seed: number }): QaPopulationBuilder {
  return new QaPopulationBuilder(options.seed);
}
