import { goodDirectionSign } from '@kpi/domain';
import { KpiDisplay } from '../kpi-display';

/** Which way the value moved against the previous window; `none` when either value is missing. */
export type KpiChangeDirection = 'up' | 'down' | 'flat' | 'none';

/** Whether the move is good or bad for this KPI; band KPIs and unchanged values are `neutral`. */
export type KpiChangeTone = 'good' | 'bad' | 'neutral';

export interface KpiChange {
  readonly direction: KpiChangeDirection;
  readonly tone: KpiChangeTone;
}

/**
 * Compares a KPI value with the previous window's value, at the precision users see: a change that does not
 * show after rounding counts as flat. Direction-aware: a falling AHT is good, a falling CSAT is bad.
 */
export function compareKpiValues(
  kpi: Pick<KpiDisplay, 'unit' | 'direction' | 'displayPrecision'>,
  value: number | null | undefined,
  previousValue: number | null | undefined,
): KpiChange {
  if (!isNumber(value) || !isNumber(previousValue)) return { direction: 'none', tone: 'neutral' };
  const delta = displayed(kpi, value) - displayed(kpi, previousValue);
  if (delta === 0) return { direction: 'flat', tone: 'neutral' };
  const direction = delta > 0 ? 'up' : 'down';
  const sign = goodDirectionSign(kpi);
  if (sign === 0) return { direction, tone: 'neutral' };
  return { direction, tone: Math.sign(delta) === sign ? 'good' : 'bad' };
}

export const KPI_CHANGE_ARROWS: Record<KpiChangeDirection, string> = {
  up: '▲',
  down: '▼',
  flat: '▶',
  none: '',
};

/** The value on the scale and precision it is displayed with (percent and score KPIs are shown x100). */
function displayed(kpi: Pick<KpiDisplay, 'unit' | 'displayPrecision'>, value: number): number {
  const scaled = kpi.unit === 'percent' || kpi.unit === 'score' ? value * 100 : value;
  const factor = 10 ** Math.max(0, kpi.displayPrecision);
  return Math.round(scaled * factor) / factor;
}

function isNumber(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
