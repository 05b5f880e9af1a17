import { formatIsoDay, parseIsoDay, weekdayOfDay } from '../calendar/iso-day';
import { median } from '../stats/robust';
import {
  MIN_EXPECTED_COUNT_PER_POINT,
  VOLUME_CHECK_DAYS,
  VOLUME_CHECK_WEEKS,
} from './evaluation-granularity.constants';

/** One day's summed components of a KPI series (any slice). */
export interface DailyComponents {
  /** ISO date yyyy-mm-dd. */
  readonly date: string;
  readonly numerator: number;
  readonly denominator: number | null;
}

export type EvaluationGranularity = 'day' | 'week' | 'none';

export interface GranularityChoice {
  readonly granularity: EvaluationGranularity;
  /** Median count of the rarer outcome per day / per complete week over the checked start of the history. */
  readonly dailyCount: number | null;
  readonly weeklyCount: number | null;
  readonly reason: string;
}

/**
 * Which period to run the series detectors on. The detectors assume roughly normal noise around a
 * level. For a share of a count (auto-fail rate, accuracy = error-free / audited) that holds only when
 * each point has enough of both outcomes: the usual validity rule for the normal approximation of a
 * proportion is at least 5 expected events and 5 non-events (n p >= 5 and n (1 - p) >= 5). A daily
 * auto-fail rate of 2 % over 14 evaluations is mostly zeros: its "shifts" and "variance changes" are
 * noise. So, for proportions only:
 *   - day  when the median daily count of the rarer outcome (min(num, den - num)) over the first
 *          56 days is at least minExpectedCount (default 5);
 *   - week when that holds for complete ISO-week sums over the first 16 weeks instead;
 *   - none otherwise (too few events to monitor the level day by day; the QA regression test, which
 *          uses exact tests for small counts, still covers QA rates).
 * Everything that is not a proportion (averages such as AHT, sums, stocks) is evaluated daily.
 */
export function chooseEvaluationGranularity(
  days: readonly DailyComponents[],
  options: { readonly proportion: boolean; readonly minExpectedCount?: number },
): GranularityChoice {
  const min = options.minExpectedCount ?? MIN_EXPECTED_COUNT_PER_POINT;
  if (!options.proportion)
    return { granularity: 'day', dailyCount: null, weeklyCount: null, reason: 'Not a proportion: daily.' };
  const sorted = [...days].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const daily = sorted
    .slice(0, VOLUME_CHECK_DAYS)
    .map(rareCount)
    .filter((c): c is number => c !== null);
  if (daily.length === 0)
    return { granularity: 'none', dailyCount: null, weeklyCount: null, reason: 'No usable points yet.' };
  const dailyCount = median(daily);
  if (dailyCount >= min)
    return {
      granularity: 'day',
      dailyCount,
      weeklyCount: null,
      reason: `About ${round(dailyCount)} of the rarer outcome per day (at least ${min}): daily.`,
    };
  const weeks = sumCompleteWeeks(sorted)
    .slice(0, VOLUME_CHECK_WEEKS)
    .map(rareCount)
    .filter((c): c is number => c !== null);
  const weeklyCount = weeks.length > 0 ? median(weeks) : null;
  if (weeklyCount !== null && weeklyCount >= min)
    return {
      granularity: 'week',
      dailyCount,
      weeklyCount,
      reason: `Only about ${round(dailyCount)} of the rarer outcome per day but ${round(weeklyCount)} per week: weekly.`,
    };
  return {
    granularity: 'none',
    dailyCount,
    weeklyCount,
    reason: `Only about ${round(weeklyCount ?? dailyCount)} of the rarer outcome per week (${min} needed): not monitored for drift.`,
  };
}

/**
 * Sums the components per ISO week (Monday start), keeping only complete weeks: weeks whose Sunday
 * is on or before `lastDay` (default: the last date given). Dated by the Monday. Denominators that are
 * null on every day stay null.
 */
export function sumCompleteWeeks(days: readonly DailyComponents[], lastDay?: string): DailyComponents[] {
  const last = parseIsoDay(lastDay ?? days.reduce((m, d) => (d.date > m ? d.date : m), ''));
  const weeks = new Map<number, { numerator: number; denominator: number | null }>();
  for (const d of days) {
    const day = parseIsoDay(d.date);
    if (!Number.isFinite(day) || !Number.isFinite(d.numerator)) continue;
    const monday = day - weekdayOfDay(day);
    const w = weeks.get(monday) ?? { numerator: 0, denominator: null };
    w.numerator += d.numerator;
    if (d.denominator !== null && Number.isFinite(d.denominator))
      w.denominator = (w.denominator ?? 0) + d.denominator;
    weeks.set(monday, w);
  }
  return [...weeks.entries()]
    .filter(([monday]) => Number.isFinite(last) && monday + 6 <= last)
    .sort((a, b) => a[0] - b[0])
    .map(([monday, w]) => ({
      date: formatIsoDay(monday),
      numerator: w.numerator,
      denominator: w.denominator,
    }));
}

function rareCount(d: DailyComponents): number | null {
  if (d.denominator === null || !(d.denominator > 0) || !Number.isFinite(d.numerator)) return null;
  return Math.max(0, Math.min(d.numerator, d.denominator - d.numerator));
}

function round(x: number): string {
  return Number(x.toPrecision(2)).toString();
}
