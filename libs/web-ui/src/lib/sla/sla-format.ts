import type { AttainmentResultDto, BurnRateDto, ServiceLevelAttainmentDto, SlaLevelDto } from '@kpi/contracts';
import { AttainmentStatus, formatKpiValue } from '@kpi/domain';
import { monthShortName } from '../format/date-format';
import { KpiDisplay } from '../kpi-display';

export const ATTAINMENT_STATUS_LABELS: Record<AttainmentStatus, string> = {
  met: 'Met',
  at_risk: 'At risk',
  breached: 'Breached',
  no_data: 'No data',
};

/** Worst first: a month with one breached week is breached. */
const SEVERITY: Record<AttainmentStatus, number> = { breached: 3, at_risk: 2, met: 1, no_data: 0 };

/** "2026-09" -> "Sep 2026". */
export function formatMonth(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  return match ? `${monthShortName(Number(match[2]))} ${match[1]}` : month;
}

/** A target or minimum in the KPI's unit: "80.0 %", "380 s", or a band "85.0 % – 90.0 %". */
export function formatSlaLevel(kpi: Pick<KpiDisplay, 'unit' | 'displayPrecision'>, level: SlaLevelDto): string {
  if (typeof level === 'number') return formatKpiValue(kpi, level);
  return `${formatKpiValue(kpi, level.low)} – ${formatKpiValue(kpi, level.high)}`;
}

/** A signed distance to a level: "+2.1 pp" for percents (percentage points), "−20 s" otherwise. */
export function formatMargin(kpi: Pick<KpiDisplay, 'unit' | 'displayPrecision'>, margin: number | null): string {
  if (margin === null || !Number.isFinite(margin)) return '–';
  const text = formatKpiValue(kpi, Math.abs(margin)).replace(/ %$/, ' pp');
  const sign = Math.abs(margin) < 1e-12 ? '±' : margin > 0 ? '+' : '−';
  return `${sign}${text}`;
}

/** "MXN 136,080.00" (no locale surprises between browsers and tests). */
export function formatMoney(amount: number, currency: string | null): string {
  const number = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount);
  return currency ? `${currency} ${number}` : number;
}

/** One cell of the attainment table: one month of one service level. */
export interface AttainmentCell {
  readonly month: string;
  /** The worst status of the measurement periods ending in the month; null when none ends in it. */
  readonly status: AttainmentStatus | null;
  /** The result itself for monthly service levels (one period per month). */
  readonly result: AttainmentResultDto | null;
  readonly periods: number;
  readonly met: number;
  readonly final: boolean;
  readonly exclusions: readonly { reason: string; from: string; to: string }[];
}

/** Groups a service level's periods by the month they end in (monthly: one each; weekly/daily: several). */
export function attainmentCells(serviceLevel: Pick<ServiceLevelAttainmentDto, 'results'>, months: readonly string[]): AttainmentCell[] {
  return months.map((month) => {
    const results = serviceLevel.results.filter((result) => result.month === month);
    const status = results.reduce<AttainmentStatus | null>(
      (worst, result) => (worst === null || SEVERITY[result.status] > SEVERITY[worst] ? result.status : worst),
      null,
    );
    const exclusions = new Map<string, { reason: string; from: string; to: string }>();
    for (const result of results) {
      for (const exclusion of result.exclusionsApplied) exclusions.set(exclusion.exclusionId, exclusion);
    }
    return {
      month,
      status,
      result: results.length === 1 ? results[0] : null,
      periods: results.length,
      met: results.filter((result) => result.status === 'met').length,
      final: results.every((result) => result.final),
      exclusions: [...exclusions.values()],
    };
  });
}

/** A sentence for the open period: when the budget runs out at this pace. */
export function describeBurn(burn: BurnRateDto, what: 'target' | 'minimum', formatDay: (iso: string) => string): string {
  switch (burn.status) {
    case 'not_applicable':
      return 'No error budget for this KPI';
    case 'no_data':
      return 'No data yet in this period';
    case 'exhausted':
      return what === 'target' ? 'Target budget already spent' : 'Already below the minimum: breach unless volume changes';
    case 'burning':
      return `At this pace the ${what === 'target' ? 'target is missed' : 'minimum is breached'} on day ${burn.projectedMissDay}${
        burn.projectedMissDate ? ` (${formatDay(burn.projectedMissDate)})` : ''
      }`;
    case 'on_track':
      return `On track for the ${what}`;
  }
}
