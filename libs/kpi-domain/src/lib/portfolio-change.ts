import { AttainmentStatus, computeMargin } from './attainment';
import { ATTAINMENT_EPSILON } from './attainment.constants';
import { KpiBand, KpiDefinition } from './kpi-definition';

export type ChangeDirection = 'up' | 'down' | 'flat';
export type ChangeJudgement = 'good' | 'bad' | 'neutral';

export interface JudgedKpiChange {
  readonly direction: ChangeDirection | null;
  readonly judgement: ChangeJudgement;
  /**
   * How much worse the value got, relative to the previous value (0.1 = 10 % worse), judged by the KPI's
   * direction (for a band KPI: how much further outside / closer to the edge of the band); 0 when it did
   * not get worse, null without both values.
   */
  readonly badness: number | null;
}

/**
 * Judges the change from `previous` to `current` by the KPI's direction. A band KPI is judged by its distance
 * to the band (the SLA target band when given, else the KPI's own band): moving further inside is good.
 */
export function describeKpiChange(
  definition: Pick<KpiDefinition, 'direction' | 'band'>,
  previous: number | null,
  current: number | null,
  targetBand?: KpiBand | null,
): JudgedKpiChange {
  if (previous === null || current === null || !Number.isFinite(previous) || !Number.isFinite(current)) {
    return { direction: null, judgement: 'neutral', badness: null };
  }
  const delta = current - previous;
  const direction: ChangeDirection = Math.abs(delta) <= ATTAINMENT_EPSILON ? 'flat' : delta > 0 ? 'up' : 'down';
  const band = targetBand ?? definition.band ?? null;
  let improvement: number;
  if (definition.direction === 'target_band') {
    if (!band) return { direction, judgement: 'neutral', badness: 0 };
    improvement = computeMargin('target_band', current, band) - computeMargin('target_band', previous, band);
  } else {
    improvement = definition.direction === 'higher_is_better' ? delta : -delta;
  }
  if (Math.abs(improvement) <= ATTAINMENT_EPSILON) return { direction, judgement: 'neutral', badness: 0 };
  const scale = Math.abs(previous) > ATTAINMENT_EPSILON ? Math.abs(previous) : 1;
  return improvement > 0
    ? { direction, judgement: 'good', badness: 0 }
    : { direction, judgement: 'bad', badness: -improvement / scale };
}

/** Worst first: breached, at_risk, met, no_data. */
const STATUS_SEVERITY: Record<AttainmentStatus, number> = { breached: 3, at_risk: 2, met: 1, no_data: 0 };

/**
 * The status of a KPI that several service levels measure (e.g. one 80/20 per site): the worst of them,
 * no_data only when none could be measured.
 */
export function worstAttainmentStatus(statuses: readonly AttainmentStatus[]): AttainmentStatus {
  return statuses.reduce<AttainmentStatus>(
    (worst, status) => (STATUS_SEVERITY[status] > STATUS_SEVERITY[worst] ? status : worst),
    'no_data',
  );
}

export function attainmentSeverity(status: AttainmentStatus): number {
  return STATUS_SEVERITY[status];
}

/** The `limit` items that got worse the most (largest badness first; ties keep the input order). */
export function worstChanges<T extends { readonly change: JudgedKpiChange }>(items: readonly T[], limit: number): T[] {
  return items
    .filter((item) => item.change.judgement === 'bad' && (item.change.badness ?? 0) > 0)
    .map((item, index) => ({ item, index }))
    .sort((a, b) => (b.item.change.badness as number) - (a.item.change.badness as number) || a.index - b.index)
    .slice(0, limit)
    .map(({ item }) => item);
}
