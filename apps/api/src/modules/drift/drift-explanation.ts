import type { DriftDirection, DriftEventKind, DriftResolution, DriftSeriesLevel } from '@kpi/contracts';
import { formatKpiValue, KpiUnit, SERVICE_LINES } from '@kpi/domain';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "3 March", or "3 March 2025" when the year differs from the reference date's. */
export function formatDay(iso: string, reference?: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return iso;
  const year = reference && reference.slice(0, 4) === iso.slice(0, 4) ? '' : ` ${y}`;
  return `${d} ${MONTHS[m - 1]}${year}`;
}

/** "11 %", "3.9 %", "0.4 %" (absolute value). */
export function formatPercent(ratio: number): string {
  const p = Math.abs(ratio) * 100;
  return `${p >= 10 ? p.toFixed(0) : p.toFixed(1)} %`;
}

export function serviceLineName(code: string | null): string | null {
  if (code === null) return null;
  return SERVICE_LINES.find((l) => l.code === code)?.name ?? code;
}

export interface WhereParts {
  readonly level: DriftSeriesLevel;
  readonly providerName: string;
  readonly siteCity: string | null;
  readonly serviceLine: string | null;
  readonly queue: string | null;
}

/** "Norte Contact Solutions", "Monterrey", "Monterrey voice", "Monterrey voice, team Ventas". */
export function describeWhere(w: WhereParts): string {
  if (w.level === 'provider' || w.siteCity === null) return w.providerName;
  const line = serviceLineName(w.serviceLine);
  const base = line ? `${w.siteCity} ${lowerFirst(line)}` : w.siteCity;
  return w.queue ? `${base}, team ${w.queue}` : base;
}

/** "Voice" -> "voice", "Finance & accounting" -> "finance & accounting", "IT help desk" stays. */
function lowerFirst(name: string): string {
  return /^[A-Z]{2}/.test(name) ? name : name.charAt(0).toLowerCase() + name.slice(1);
}

export interface KpiText {
  readonly name: string;
  readonly unit: KpiUnit;
  readonly displayPrecision: number;
}

export interface DriftExplanationInput {
  readonly kpi: KpiText;
  readonly where: WhereParts;
  readonly kind: DriftEventKind;
  readonly direction: DriftDirection;
  readonly findingKind: string | null;
  readonly startDate: string;
  readonly lastDataDate: string;
  /** Relative change of the KPI (after / before - 1), or of the noise sd for variance changes. */
  readonly magnitude: number | null;
  readonly baselineValue: number | null;
  readonly currentValue: number | null;
  /** Provider-level events: the slice that contributes most, with its share of the change. */
  readonly topContributor?: { readonly label: string; readonly share: number | null } | null;
  /** Slice-level events: the other slices of the same KPI, and those among them drifting too. */
  readonly siblings?: {
    readonly otherSites: number;
    readonly otherLinesHere: number;
    readonly drifting: readonly string[];
  };
  readonly qa?: {
    readonly scoreBefore: number | null;
    readonly scoreAfter: number | null;
    readonly autoFailBefore: number | null;
    readonly autoFailAfter: number | null;
    readonly scoreRegressed: boolean;
    readonly autoFailRegressed: boolean;
    readonly recentEvaluations: number;
    readonly qValue: number | null;
  };
  readonly sla?: {
    readonly finding: 'breach' | 'at_risk' | 'fast_burn';
    readonly serviceLevelName: string;
    readonly value: number | null;
    readonly minimum: number;
    readonly projectedLossDay: number | null;
    readonly burnRate: number | null;
  };
  readonly resolvedOn?: string | null;
  readonly resolution?: DriftResolution | null;
}

const RESOLUTION_TEXT: Record<DriftResolution, string> = {
  back_in_control: 'back in control',
  new_normal: 'no further change since: the new level is the normal now',
  superseded: 'superseded by a change the other way',
  restated: 'the restated data no longer shows it',
  disabled: 'drift detection was switched off',
};

/** The one-sentence explanation of a drift event, e.g. "AHT at Monterrey voice has risen 11 % since 3 March; the other sites are stable." */
export function explainDriftEvent(e: DriftExplanationInput): string {
  const where = describeWhere(e.where);
  const since = formatDay(e.startDate, e.lastDataDate);
  let sentence: string;
  if (e.kind === 'qa_regression' && e.qa) sentence = explainQa(e, where, since);
  else if (e.kind === 'sla' && e.sla) sentence = explainSla(e, where);
  else sentence = explainDrift(e, where, since);
  if (e.resolvedOn && e.resolution)
    sentence += `; resolved on ${formatDay(e.resolvedOn, e.lastDataDate)} (${RESOLUTION_TEXT[e.resolution]})`;
  return `${sentence}.`;
}

function explainDrift(e: DriftExplanationInput, where: string, since: string): string {
  const m = e.magnitude;
  let sentence: string;
  if (e.findingKind === 'variance_change') {
    const way = m !== null && m < 0 ? 'shrunk' : 'grown';
    sentence = `Day-to-day variability of ${e.kpi.name} at ${where} has ${way}${m !== null ? ` ${formatPercent(m)}` : ''} since ${since}`;
  } else {
    const way = m === null ? 'changed' : m >= 0 ? 'risen' : 'fallen';
    const size = m === null ? '' : ` ${formatPercent(m)}`;
    const values =
      e.baselineValue !== null && e.currentValue !== null
        ? ` (${formatKpiValue(e.kpi, e.baselineValue)} to ${formatKpiValue(e.kpi, e.currentValue)})`
        : '';
    const gradually = e.findingKind === 'trend' ? ' gradually' : '';
    sentence = `${e.kpi.name} at ${where} has${gradually} ${way}${size}${values} since ${since}`;
  }
  if (e.direction === 'favourable') return `${sentence}, an improvement (recorded, not alerted)`;
  if (e.topContributor && e.topContributor.label) {
    const share = e.topContributor.share;
    if (share === null || !Number.isFinite(share))
      return `${sentence}; the largest part comes from ${e.topContributor.label}`;
    if (share >= 0.95) return `${sentence}; nearly all of it comes from ${e.topContributor.label}`;
    const part = share >= 0.5 ? 'most of it' : 'the largest part';
    return `${sentence}; ${part} comes from ${e.topContributor.label} (${Math.round(share * 100)} % of the change)`;
  }
  if (e.siblings) {
    const { drifting, otherSites, otherLinesHere } = e.siblings;
    if (drifting.length === 1) return `${sentence}; ${drifting[0]} is drifting too`;
    if (drifting.length > 1)
      return `${sentence}; ${drifting.length} other slices are drifting too (${drifting.join(', ')})`;
    if (otherSites > 0) return `${sentence}; the other sites are stable`;
    if (otherLinesHere > 0) return `${sentence}; the other service lines of ${e.where.siteCity} are stable`;
  }
  return sentence;
}

function explainQa(e: DriftExplanationInput, where: string, since: string): string {
  const qa = e.qa as NonNullable<DriftExplanationInput['qa']>;
  const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)} %`);
  const parts: string[] = [];
  const worse = e.direction === 'adverse';
  // The test(s) that flagged it; the score when neither says which.
  if (qa.scoreRegressed || !qa.autoFailRegressed) {
    parts.push(`QA score ${worse ? 'down' : 'up'} from ${pct(qa.scoreBefore)} to ${pct(qa.scoreAfter)}`);
  }
  if (qa.autoFailRegressed) {
    parts.push(
      `auto-fail rate ${worse ? 'up' : 'down'} from ${pct(qa.autoFailBefore)} to ${pct(qa.autoFailAfter)}`,
    );
  }
  const q = qa.qValue !== null ? (qa.qValue < 0.001 ? ', q < 0.001' : `, q = ${qa.qValue.toFixed(3)}`) : '';
  const verdict = worse ? 'QA has regressed' : 'QA has improved';
  const tail = worse ? '' : ' (recorded, not alerted)';
  const evidence = qa.recentEvaluations > 0 ? `${qa.recentEvaluations} evaluations${q}` : q.slice(2);
  return `${verdict} at ${where} since about ${since}: ${parts.join(', ')} over the last 4 weeks${evidence ? ` (${evidence})` : ''}${tail}`;
}

function explainSla(e: DriftExplanationInput, where: string): string {
  const sla = e.sla as NonNullable<DriftExplanationInput['sla']>;
  const value = formatKpiValue(e.kpi, sla.value);
  const minimum = formatKpiValue(e.kpi, sla.minimum);
  switch (sla.finding) {
    case 'breach':
      return `${e.kpi.name} at ${where} breaches the minimum of "${sla.serviceLevelName}": ${value} so far this period against ${minimum}`;
    case 'at_risk':
      return `${e.kpi.name} at ${where} is at risk of breaching "${sla.serviceLevelName}": ${value} so far this period, close to the minimum ${minimum}`;
    case 'fast_burn':
      return `${e.kpi.name} at ${where} burns the error budget of "${sla.serviceLevelName}" fast (burn rate ${sla.burnRate?.toFixed(1) ?? '–'}${sla.projectedLossDay ? `, lost on day ${sla.projectedLossDay} at this pace` : ''})`;
  }
}
