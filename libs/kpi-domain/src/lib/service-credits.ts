import { DateRange, IsoDate, addMonths, monthKeyOf, monthRange } from './calendar-date';
import { AttainmentResult, AttainmentStatus } from './attainment';
import { shiftBucket } from './period-bucket';
import {
  ServiceLevelKind,
  SlaContractVersion,
  SlaLevel,
  computeAtRiskAmount,
  isBandLevel,
  measurementPeriodGranularity,
  termsForPeriod,
} from './sla-contract';
import { DEFAULT_CHRONIC_FAILURE_RULE, DEFAULT_MONEY_DECIMALS } from './service-credits.constants';

/**
 * - waived: the target was met in each of the following N periods, the credit is earned back
 * - pending: the following periods are not all over (or not evaluated) yet and none has failed
 * - not_waived: one of the following periods missed the target (at_risk, breached or no_data)
 * - not_applicable: the service level has no earn-back rule
 */
export type EarnBackStatus = 'waived' | 'pending' | 'not_waived' | 'not_applicable';

/** earned_back: owed nothing; pending: owed unless earned back; final: owed. */
export type CreditSettlement = 'earned_back' | 'pending' | 'final';

export interface ChronicFailureRule {
  /** K: breached months that make a failure chronic ... */
  readonly breachedMonths: number;
  /** ... within the last M months (the evaluated month included). */
  readonly windowMonths: number;
}

export interface ServiceCreditsInput {
  /** Every version of one contract. */
  readonly versions: readonly SlaContractVersion[];
  /**
   * Attainment of the contract's service levels, e.g. from `evaluateServiceLevels`, covering the month,
   * the earn-back periods after it and the chronic-failure window before it.
   */
  readonly attainments: readonly AttainmentResult[];
  /** `yyyy-mm` */
  readonly month: string;
  readonly chronicFailure?: ChronicFailureRule;
  readonly moneyDecimals?: number;
}

export interface EarnBackPeriodCheck {
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly label: string;
  readonly status: AttainmentStatus | 'not_evaluated';
  readonly final: boolean;
}

export interface BreachedPeriod {
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly label: string;
  readonly value: number | null;
  readonly minimum: SlaLevel;
}

/** One critical service level breached in the month, with every step of its credit. */
export interface ServiceCreditLine {
  readonly serviceLevelId: string;
  readonly serviceLevelName: string;
  readonly kpiCode: string;
  readonly breachedPeriods: readonly BreachedPeriod[];
  readonly description: string;
  readonly currency: string;
  readonly fee: number;
  readonly atRiskPct: number;
  readonly allocationPct: number;
  /** fee x atRiskPct x allocationPct, rounded. */
  readonly uncappedAmount: number;
  /** After the monthly cap (pro-rata across the month's lines), rounded so the lines add up to the cap. */
  readonly cappedAmount: number;
  /** cappedAmount, or 0 when earned back. Includes pending credits. */
  readonly payableAmount: number;
  readonly earnBack: EarnBackStatus;
  readonly settlement: CreditSettlement;
  readonly earnBackPeriods: readonly EarnBackPeriodCheck[];
  readonly explanation: string;
}

export interface ChronicFailureFlag {
  readonly serviceLevelId: string;
  readonly serviceLevelName: string;
  readonly kind: ServiceLevelKind;
  /** `yyyy-mm` months of the window with a final breach. */
  readonly breachedMonths: readonly string[];
  readonly windowMonths: readonly string[];
  readonly chronic: boolean;
}

export interface MonthlyServiceCredits {
  readonly month: string;
  readonly period: DateRange;
  /** The version in force on the month's last day (fee, at-risk %, currency); null = no contract. */
  readonly contractVersionId: string | null;
  readonly currency: string | null;
  readonly monthlyFee: number;
  readonly atRiskPct: number;
  readonly atRiskAmount: number;
  readonly lines: readonly ServiceCreditLine[];
  readonly totalUncapped: number;
  readonly totalCapped: number;
  /** Owed now or unless earned back (final + pending). */
  readonly totalPayable: number;
  readonly totalFinal: number;
  readonly totalPending: number;
  readonly totalWaived: number;
  readonly capApplied: boolean;
  /** at-risk amount / total uncapped when the cap applies, else 1. */
  readonly capFactor: number;
  /** True while some critical service level of the month is not final yet (open period). */
  readonly provisional: boolean;
  readonly status: 'no_contract' | 'no_credit' | 'pending' | 'final';
  readonly chronicFailures: readonly ChronicFailureFlag[];
  /** True when a critical service level is a chronic failure. */
  readonly chronicFailure: boolean;
  readonly explanation: string;
}

export function roundMoney(amount: number, decimals: number = DEFAULT_MONEY_DECIMALS): number {
  const scale = 10 ** decimals;
  return (Math.sign(amount) * Math.round(Math.abs(amount) * scale + 1e-7)) / scale;
}

/** Rounds amounts so that they add up exactly to the rounded `total` (largest remainder). */
function allocateRounded(amounts: readonly number[], total: number, decimals: number): number[] {
  const scale = 10 ** decimals;
  const units = amounts.map((amount) => amount * scale);
  const floors = units.map((unit) => Math.floor(unit + 1e-7));
  let left = Math.round(total * scale) - floors.reduce((a, b) => a + b, 0);
  const order = units
    .map((unit, index) => ({ index, remainder: unit - floors[index] }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of order) {
    if (left <= 0) break;
    floors[index] += 1;
    left -= 1;
  }
  return floors.map((unit) => unit / scale);
}

function formatMoney(amount: number, decimals: number): string {
  return amount.toFixed(decimals);
}

function formatLevel(level: SlaLevel | number | null): string {
  if (level === null) return 'no data';
  if (isBandLevel(level)) return `[${level.low}, ${level.high}]`;
  return String(Math.round(level * 1e6) / 1e6);
}

function describeEarnBackCheck(check: EarnBackPeriodCheck): string {
  if (check.status === 'not_evaluated') return `${check.label} not evaluated yet`;
  return `${check.label} ${check.status.replace('_', ' ')}${check.final ? '' : ' so far (open)'}`;
}

function periodKey(serviceLevelId: string, from: IsoDate, to: IsoDate): string {
  return JSON.stringify([serviceLevelId, from, to]);
}

function checkEarnBack(
  anchor: AttainmentResult,
  byPeriod: ReadonlyMap<string, AttainmentResult>,
): { earnBack: EarnBackStatus; checks: EarnBackPeriodCheck[] } {
  const rule = anchor.serviceLevel.earnBack;
  if (rule === null) return { earnBack: 'not_applicable', checks: [] };
  const granularity = measurementPeriodGranularity(anchor.serviceLevel.measurementPeriod);
  const checks: EarnBackPeriodCheck[] = [];
  for (let step = 1; step <= rule.followingPeriods; step++) {
    const bucket = shiftBucket(anchor.period.from, granularity, step);
    const found = byPeriod.get(periodKey(anchor.serviceLevelId, bucket.start, bucket.end));
    checks.push({
      from: bucket.start,
      to: bucket.end,
      label: bucket.label,
      status: found ? found.status : 'not_evaluated',
      final: found ? found.final : false,
    });
  }
  if (checks.some((check) => check.final && check.status !== 'met'))
    return { earnBack: 'not_waived', checks };
  if (checks.every((check) => check.final && check.status === 'met')) return { earnBack: 'waived', checks };
  return { earnBack: 'pending', checks };
}

function chronicFlags(
  attainments: readonly AttainmentResult[],
  month: string,
  rule: ChronicFailureRule,
): ChronicFailureFlag[] {
  const first = `${month}-01`;
  const windowMonths = Array.from({ length: rule.windowMonths }, (_, index) =>
    monthKeyOf(addMonths(first, index - rule.windowMonths + 1)),
  );
  const breachedBySl = new Map<string, { latest: AttainmentResult; months: Set<string> }>();
  for (const attainment of attainments) {
    const key = monthKeyOf(attainment.period.to);
    if (!attainment.final || attainment.status !== 'breached' || !windowMonths.includes(key)) continue;
    const entry = breachedBySl.get(attainment.serviceLevelId) ?? {
      latest: attainment,
      months: new Set<string>(),
    };
    entry.months.add(key);
    if (attainment.period.to > entry.latest.period.to) entry.latest = attainment;
    breachedBySl.set(attainment.serviceLevelId, entry);
  }
  return [...breachedBySl.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([serviceLevelId, { latest, months }]) => ({
      serviceLevelId,
      serviceLevelName: latest.serviceLevelName,
      kind: latest.kind,
      breachedMonths: windowMonths.filter((key) => months.has(key)),
      windowMonths,
      chronic: months.size >= rule.breachedMonths,
    }));
}

/**
 * Service credits of one month of one contract.
 *
 * Rules:
 * - Fee, at-risk % and currency come from the version in force on the month's last day (`termsForPeriod`).
 * - A critical service level owes a credit for the month when one of its measurement periods *ending* in
 *   the month is finally breached (a weekly level: any week ending in the month; a quarterly level: the
 *   quarter's last month). One credit per service level per month, whatever the number of breached periods.
 *   Its pool share comes from the terms that judged the (latest) breached period.
 * - credit = fee x at-risk % x pool allocation %. When the credits add up to more than the at-risk
 *   amount, every credit is scaled by the same factor (at-risk / total): pro-rata to its allocation.
 *   Amounts are rounded to `moneyDecimals` with the largest remainder, so capped lines add up to the cap.
 * - The cap is applied to all breached lines *before* earn-back: a waived line frees nothing for the
 *   others, so a provider never owes more on one level because it earned back another.
 * - Earn-back looks at the N measurement periods right after the latest breached period of the month.
 * - Chronic failure: breached (final) in at least K of the last M months, counted even when earned back.
 */
export function computeMonthlyServiceCredits(input: ServiceCreditsInput): MonthlyServiceCredits {
  const decimals = input.moneyDecimals ?? DEFAULT_MONEY_DECIMALS;
  const rule = input.chronicFailure ?? DEFAULT_CHRONIC_FAILURE_RULE;
  if (
    !Number.isInteger(rule.breachedMonths) ||
    !Number.isInteger(rule.windowMonths) ||
    rule.breachedMonths < 1
  ) {
    throw new RangeError('Chronic failure rule needs whole numbers, at least 1 breached month');
  }
  if (rule.breachedMonths > rule.windowMonths) {
    throw new RangeError('Chronic failure rule: breached months cannot exceed the window');
  }
  const period = monthRange(input.month);
  const version = termsForPeriod(input.versions, period);
  const versionIds = new Set(input.versions.map((v) => v.id));
  const attainments = input.attainments.filter(
    (attainment) => attainment.contractVersionId === null || versionIds.has(attainment.contractVersionId),
  );
  const chronicFailures = chronicFlags(attainments, input.month, rule);
  const chronicFailure = chronicFailures.some((flag) => flag.chronic && flag.kind === 'critical');

  if (!version) {
    return {
      month: input.month,
      period,
      contractVersionId: null,
      currency: null,
      monthlyFee: 0,
      atRiskPct: 0,
      atRiskAmount: 0,
      lines: [],
      totalUncapped: 0,
      totalCapped: 0,
      totalPayable: 0,
      totalFinal: 0,
      totalPending: 0,
      totalWaived: 0,
      capApplied: false,
      capFactor: 1,
      provisional: false,
      status: 'no_contract',
      chronicFailures,
      chronicFailure,
      explanation: `${input.month}: no contract version in force, no service credits.`,
    };
  }

  const byPeriod = new Map(
    attainments.map((a) => [periodKey(a.serviceLevelId, a.period.from, a.period.to), a]),
  );
  const inMonth = attainments.filter((a) => a.kind === 'critical' && monthKeyOf(a.period.to) === input.month);
  const provisional = inMonth.some((a) => !a.final);
  const breachedBySl = new Map<string, AttainmentResult[]>();
  for (const attainment of inMonth) {
    if (!attainment.final || attainment.status !== 'breached') continue;
    breachedBySl.set(attainment.serviceLevelId, [
      ...(breachedBySl.get(attainment.serviceLevelId) ?? []),
      attainment,
    ]);
  }

  const atRiskExact = computeAtRiskAmount(version);
  const atRiskAmount = roundMoney(atRiskExact, decimals);
  const drafts = [...breachedBySl.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([serviceLevelId, breaches]) => {
      const sorted = [...breaches].sort((a, b) => (a.period.from < b.period.from ? -1 : 1));
      const anchor = sorted[sorted.length - 1];
      const allocationPct = anchor.serviceLevel.poolAllocationPct;
      const exact = (version.monthlyFee * version.atRiskPct * allocationPct) / 10_000;
      return { serviceLevelId, sorted, anchor, allocationPct, exact, ...checkEarnBack(anchor, byPeriod) };
    });

  const totalExact = drafts.reduce((total, draft) => total + draft.exact, 0);
  const capApplied = totalExact > atRiskExact + 1e-9;
  const capFactor = capApplied ? atRiskExact / totalExact : 1;
  const capped = capApplied
    ? allocateRounded(
        drafts.map((draft) => draft.exact * capFactor),
        atRiskExact,
        decimals,
      )
    : drafts.map((draft) => roundMoney(draft.exact, decimals));

  const money = (amount: number) => `${formatMoney(amount, decimals)} ${version.currency}`;
  const lines: ServiceCreditLine[] = drafts.map((draft, index) => {
    const settlement: CreditSettlement =
      draft.earnBack === 'waived' ? 'earned_back' : draft.earnBack === 'pending' ? 'pending' : 'final';
    const uncappedAmount = roundMoney(draft.exact, decimals);
    const cappedAmount = capped[index];
    const breachedPeriods = draft.sorted.map((a) => ({
      from: a.period.from,
      to: a.period.to,
      label: a.periodLabel,
      value: a.value,
      minimum: a.minimum,
    }));
    const description =
      `${draft.anchor.serviceLevelName} (${draft.anchor.kpiCode}) breached in ` +
      breachedPeriods
        .map((p) => `${p.label}: ${formatLevel(p.value)} vs minimum ${formatLevel(p.minimum)}`)
        .join(', ');
    const earnBackText =
      draft.earnBack === 'not_applicable'
        ? 'no earn-back'
        : `earn-back ${draft.earnBack.replace('_', ' ')} (${draft.checks.map(describeEarnBackCheck).join(', ')})`;
    const explanation =
      `${description}: ${money(version.monthlyFee)} x ${version.atRiskPct} % x ${draft.allocationPct} % = ` +
      `${money(uncappedAmount)}` +
      (capApplied ? `, capped x ${capFactor.toFixed(6)} = ${money(cappedAmount)}` : '') +
      `; ${earnBackText}`;
    return {
      serviceLevelId: draft.serviceLevelId,
      serviceLevelName: draft.anchor.serviceLevelName,
      kpiCode: draft.anchor.kpiCode,
      breachedPeriods,
      description,
      currency: version.currency,
      fee: version.monthlyFee,
      atRiskPct: version.atRiskPct,
      allocationPct: draft.allocationPct,
      uncappedAmount,
      cappedAmount,
      payableAmount: settlement === 'earned_back' ? 0 : cappedAmount,
      earnBack: draft.earnBack,
      settlement,
      earnBackPeriods: draft.checks,
      explanation,
    };
  });

  const total = (pick: (line: ServiceCreditLine) => number) =>
    roundMoney(
      lines.reduce((sum, line) => sum + pick(line), 0),
      decimals,
    );
  const totalPending = total((line) => (line.settlement === 'pending' ? line.cappedAmount : 0));
  const totalFinal = total((line) => (line.settlement === 'final' ? line.cappedAmount : 0));
  const totalWaived = total((line) => (line.settlement === 'earned_back' ? line.cappedAmount : 0));
  const totalUncapped = total((line) => line.uncappedAmount);
  const totalCapped = total((line) => line.cappedAmount);
  const totalPayable = total((line) => line.payableAmount);
  const status =
    lines.length === 0
      ? 'no_credit'
      : lines.some((line) => line.settlement === 'pending')
        ? 'pending'
        : 'final';

  const explanation = [
    `${input.month} (version ${version.version}, ${version.currency}): at-risk amount = ${money(version.monthlyFee)} x ` +
      `${version.atRiskPct} % = ${money(atRiskAmount)}.`,
    ...(lines.length === 0
      ? ['No critical service level breached.']
      : lines.map((line) => `- ${line.explanation}`)),
    ...(capApplied
      ? [
          `Credits add up to ${money(totalUncapped)}, above the at-risk amount: each is scaled by ` +
            `${atRiskExact.toFixed(2)} / ${totalExact.toFixed(2)} = ${capFactor.toFixed(6)} (pro-rata), total ${money(totalCapped)}.`,
        ]
      : []),
    ...(lines.length > 0
      ? [
          `Payable ${money(totalPayable)} (final ${money(totalFinal)}, pending earn-back ${money(totalPending)}), waived ${money(totalWaived)}.`,
        ]
      : []),
    ...(provisional ? ['Provisional: a critical service level of this month is still open.'] : []),
    ...chronicFailures
      .filter((flag) => flag.chronic)
      .map(
        (flag) =>
          `Chronic failure: ${flag.serviceLevelName} breached in ${flag.breachedMonths.length} of the last ` +
          `${rule.windowMonths} months (${flag.breachedMonths.join(', ')}).`,
      ),
  ].join('\n');

  return {
    month: input.month,
    period,
    contractVersionId: version.id,
    currency: version.currency,
    monthlyFee: version.monthlyFee,
    atRiskPct: version.atRiskPct,
    atRiskAmount,
    lines,
    totalUncapped,
    totalCapped,
    totalPayable,
    totalFinal,
    totalPending,
    totalWaived,
    capApplied,
    capFactor,
    provisional,
    status,
    chronicFailures,
    chronicFailure,
    explanation,
  };
}
