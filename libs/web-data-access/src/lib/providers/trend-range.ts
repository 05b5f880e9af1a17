/** The time windows offered for a KPI trend. `default` lets the api choose (the last 90 days with data). */
export type TrendRange = 'default' | '6m' | '12m' | '24m';

export interface TrendRangeOption {
  readonly value: TrendRange;
  readonly label: string;
}

export const TREND_RANGES: readonly TrendRangeOption[] = [
  { value: 'default', label: 'Last 90 days' },
  { value: '6m', label: 'Last 6 months' },
  { value: '12m', label: 'Last 12 months' },
  { value: '24m', label: 'Last 24 months' },
];

const MONTHS: Record<Exclude<TrendRange, 'default'>, number> = { '6m': 6, '12m': 12, '24m': 24 };

/**
 * The inclusive `from`/`to` ISO dates of a range: whole calendar months ending with the month of the provider's last
 * data date (not "today", so a provider whose feed is late still shows a full window), e.g. 6 months to 2025-03-31
 * is 2024-10-01..2025-03-31. Empty for the default range or when there is no data.
 */
export function trendRangeDates(range: TrendRange, lastDataDate: string | null): { from?: string; to?: string } {
  if (range === 'default' || !lastDataDate || !/^\d{4}-\d{2}-\d{2}$/.test(lastDataDate)) return {};
  const [year, month, day] = lastDataDate.split('-').map(Number);
  const end = new Date(Date.UTC(year, month - 1, day));
  const start = new Date(Date.UTC(year, month - MONTHS[range], 1));
  return { from: toIsoDate(start), to: toIsoDate(end) };
}

function toIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
