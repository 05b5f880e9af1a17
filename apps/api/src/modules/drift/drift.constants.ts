/** Advisory lock keys: (class, provider hash) serialises the evaluations of one provider across instances. */
export const DRIFT_PROVIDER_LOCK_CLASS = 7243100;

/**
 * Magnitude and attribution compare two windows of whole weeks (weekday mix balanced): the 4 weeks
 * before the start of the change and the last 4 weeks with data.
 */
export const DRIFT_WINDOW_DAYS = 28;
/** The evidence series of an event detail starts this many days before the start date. */
export const DRIFT_EVIDENCE_LEAD_DAYS = 56;
/** At most this many evidence points are stored with an event (the most recent of the new regime). */
export const DRIFT_MAX_EVIDENCE_POINTS = 30;

/**
 * An open event "worsens" (and notifies again) when its magnitude reaches 1.5 x the magnitude last
 * notified and grew by at least 2 points of relative change; other changes are recorded as updates.
 */
export const WORSEN_FACTOR = 1.5;
export const WORSEN_MIN_STEP = 0.02;
/** An 'updated' history entry is written when the magnitude moved by at least this much (relative change). */
export const UPDATE_MIN_STEP = 0.01;

/**
 * QA regressions: the last 4 weeks against the 13 weeks before them, every data day, per provider / site /
 * team (site x service line x queue). The false-discovery family is one provider on one day (all its groups
 * and both tests), so a provider's result never depends on when another provider's data arrived.
 */
export const QA_RECENT_DAYS = 28;
export const QA_BASELINE_DAYS = 91;
/**
 * Practical significance on top of statistical significance: a drop of at least 1 point of QA score
 * (0.01 on the 0..1 scale) or a rise of at least 1 point of auto-fail rate.
 */
export const QA_MIN_SCORE_DROP = 0.01;
export const QA_MIN_AUTO_FAIL_RISE = 0.01;
/**
 * False discovery rate of the daily QA test. detectQaRegressions' 5 % holds for one look; the engine looks
 * every day with windows that overlap 27 of 28 days, i.e. about 13 effectively distinct looks a year, so
 * the rate is split over them (5 % / ~10). On the demo history this leaves 1 spurious QA episode in 18
 * months over 21 groups, against 10 at 5 % (see the report of issue 5).
 */
export const QA_FDR = 0.005;
/**
 * QA alerts open after 2 regressed days and resolve after a week of clear ones: the 4-week window moves
 * slowly, so a few clear days right at the limit are not a recovery.
 */
export const QA_HYSTERESIS = { minBreachingToOpen: 2, minClearToResolve: 7 } as const;
/** A QA test counts as clear (towards resolving) only when its q-value is above this; in between it holds the state. */
export const QA_CLEAR_Q = 0.05;

/** KPI codes of the QA components read by the QA regression test. */
export const QA_SCORE_KPI = 'qa_score';
export const QA_AUTO_FAIL_KPI = 'qa_autofail_rate';

/** Default page size of the event list, and its maximum. */
export const DRIFT_EVENTS_PAGE_SIZE = 100;
export const DRIFT_EVENTS_MAX_PAGE_SIZE = 500;

/** The chart overlay covers the last 90 days with data unless the caller gives a range. */
export const DRIFT_OVERLAY_DEFAULT_DAYS = 90;
/** Control limits: baseline centre +/- this many noise sigmas. */
export const CONTROL_LIMIT_SIGMAS = 3;
