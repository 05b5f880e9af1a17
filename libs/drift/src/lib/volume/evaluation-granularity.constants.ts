/**
 * A point of a proportion series needs at least this many of the rarer outcome (events and
 * non-events) for the normal approximation the detectors rely on (n p >= 5 and n (1 - p) >= 5).
 */
export const MIN_EXPECTED_COUNT_PER_POINT = 5;
/** Days (the default baseline: 8 weeks) and complete weeks checked at the start of the history. */
export const VOLUME_CHECK_DAYS = 56;
export const VOLUME_CHECK_WEEKS = 16;
/** Baseline of a weekly series: 16 weeks (the daily default is 8 weeks of days). */
export const WEEKLY_BASELINE_POINTS = 16;
