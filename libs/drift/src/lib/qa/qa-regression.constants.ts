import type { QaRegressionSettings } from './qa-regression';

/**
 * Defaults for QA regressions: Welch's t-test on the score, 5 % false discovery rate over all the
 * tests of one run, at least 20 evaluations per window (below that a team's mean moves by several
 * points by chance), the z-test for the auto-fail rate when at least 5 auto-fails and 5 passes are
 * expected in each window (the usual validity rule for the normal approximation), Fisher's exact test
 * otherwise; no minimum effect size.
 */
export const DEFAULT_QA_REGRESSION_SETTINGS: QaRegressionSettings = {
  scoreTest: 'welch',
  fdr: 0.05,
  minEvaluations: 20,
  minExpectedCount: 5,
  minScoreDrop: 0,
  minAutoFailRise: 0,
};
