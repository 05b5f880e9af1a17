import type { AlertKind, AlertSubscriptionFilter, Severity } from '@kpi/domain';
import type { DigestFrequencyOption } from '@kpi/contracts';
import { KIND_LABELS, SEVERITY_LABELS } from './templates/format';

/** Display names of the ids a filter may hold. */
export interface FilterNames {
  providers: Map<string, string>;
  sites: Map<string, string>;
  kpis: Map<string, string>;
}

export interface DescribableSubscription {
  filter: AlertSubscriptionFilter;
  immediate: boolean;
  immediateMinSeverity: Severity;
  digest: DigestFrequencyOption;
  digestHour: number;
  digestWeekday: number;
  timeZone?: string;
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function list(ids: readonly string[], names: Map<string, string> | null, all: string): string {
  if (ids.length === 0) return all;
  return ids.map((id) => names?.get(id) ?? id).join(', ');
}

/** The filters in words: "providers: Norte; sites: all; KPIs: AHT; kinds: all; severity: medium or higher". */
export function describeFilters(filter: AlertSubscriptionFilter, names: FilterNames | null): string {
  return [
    `providers: ${list(filter.providerIds, names?.providers ?? null, 'all yours')}`,
    `sites: ${list(filter.siteIds, names?.sites ?? null, 'all')}`,
    `KPIs: ${list(filter.kpiCodes, names?.kpis ?? null, 'all')}`,
    `kinds: ${filter.kinds.length === 0 ? 'all' : filter.kinds.map((k: AlertKind) => KIND_LABELS[k]).join(', ')}`,
    `severity: ${SEVERITY_LABELS[filter.minSeverity].toLowerCase()} or higher`,
  ].join('; ');
}

/** How the subscription delivers: "immediately for critical; daily digest at 08:00 (America/Mexico_City)". */
export function describeDelivery(sub: DescribableSubscription): string {
  const parts: string[] = [];
  if (sub.immediate) parts.push(`immediately for ${SEVERITY_LABELS[sub.immediateMinSeverity].toLowerCase()} and above`);
  const hour = `${String(sub.digestHour).padStart(2, '0')}:00${sub.timeZone ? ` (${sub.timeZone})` : ''}`;
  if (sub.digest === 'daily') parts.push(`daily digest at ${hour}`);
  if (sub.digest === 'weekly') parts.push(`weekly digest on ${WEEKDAYS[(sub.digestWeekday - 1 + 7) % 7]} at ${hour}`);
  return parts.length > 0 ? parts.join('; ') : 'no mail (paused)';
}

export function describeSubscription(sub: DescribableSubscription, names: FilterNames | null): string {
  return `${describeFilters(sub.filter, names)}. Delivery: ${describeDelivery(sub)}.`;
}

/** For email footers, without a name lookup. */
export function describeFiltersShort(sub: { filter: AlertSubscriptionFilter }): string {
  const f = sub.filter;
  const count = (n: number, what: string) => (n === 0 ? `all ${what}` : `${n} ${what}`);
  return [
    count(f.providerIds.length, 'providers'),
    count(f.siteIds.length, 'sites'),
    count(f.kpiCodes.length, 'KPIs'),
    f.kinds.length === 0 ? 'all kinds' : f.kinds.map((k) => KIND_LABELS[k]).join(', '),
    `${SEVERITY_LABELS[f.minSeverity].toLowerCase()} or higher`,
  ].join(', ');
}
