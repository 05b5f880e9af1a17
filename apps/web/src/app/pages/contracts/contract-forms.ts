import type { ServiceLevelDto, ServiceLevelRequest, SlaLevelDto } from '@kpi/contracts';
import {
  KpiDefinition,
  MeasurementPeriod,
  ServiceLevelKind,
  ServiceLineCode,
  SlaContractVersion,
  ValidationIssue,
  validateSlaContractVersion,
} from '@kpi/domain';
import type { Translate } from '@kpi/web-ui';

/** What the service-level form holds: numbers as typed (percent KPIs in %, e.g. 80 for 80 %). */
export interface ServiceLevelFormValue {
  name: string;
  kpiCode: string;
  siteId: string;
  serviceLine: string;
  queue: string;
  target: string;
  minimum: string;
  targetLow: string;
  targetHigh: string;
  minimumLow: string;
  minimumHigh: string;
  measurementPeriod: MeasurementPeriod;
  kind: ServiceLevelKind;
  poolAllocationPct: string;
  earnBackPeriods: string;
  meansOfMeasurement: string;
}

export type ServiceLevelFormField = keyof ServiceLevelFormValue | 'levels';

/** What the form needs of a KPI (a `KpiDefinitionDto` or a built-in `KpiDefinition` fit). */
export type KpiLike = Pick<KpiDefinition, 'code' | 'unit' | 'direction'>;

/** Percent KPIs are typed in % in the form and sent as ratios (80 -> 0.8). */
export function levelScale(kpi: Pick<KpiDefinition, 'unit'> | undefined): number {
  return kpi?.unit === 'percent' ? 100 : 1;
}

function parseNumber(text: string): number {
  const trimmed = text.trim().replace(',', '.');
  return trimmed === '' ? Number.NaN : Number(trimmed);
}

function round(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}

/** The api request of the form value (levels scaled back to the KPI's scale). */
export function toServiceLevelRequest(value: ServiceLevelFormValue, kpi: KpiLike | undefined): ServiceLevelRequest {
  const scale = levelScale(kpi);
  const band = kpi?.direction === 'target_band';
  const level = (text: string) => round(parseNumber(text) / scale);
  const target: SlaLevelDto = band ? { low: level(value.targetLow), high: level(value.targetHigh) } : level(value.target);
  const minimum: SlaLevelDto = band ? { low: level(value.minimumLow), high: level(value.minimumHigh) } : level(value.minimum);
  const earnBack = value.earnBackPeriods.trim();
  return {
    name: value.name.trim(),
    kpiCode: value.kpiCode,
    siteId: value.siteId || null,
    serviceLine: (value.serviceLine || null) as ServiceLineCode | null,
    queue: value.queue.trim() || null,
    target,
    minimum,
    measurementPeriod: value.measurementPeriod,
    kind: value.kind,
    poolAllocationPct: value.kind === 'critical' ? parseNumber(value.poolAllocationPct) : parseNumber(value.poolAllocationPct || '0'),
    earnBackPeriods: earnBack === '' ? null : parseNumber(earnBack),
    meansOfMeasurement: value.meansOfMeasurement.trim(),
  };
}

/** The form value of an existing service level (levels shown in % for percent KPIs). */
export function toServiceLevelFormValue(level: ServiceLevelDto | null, kpi: KpiLike | undefined): ServiceLevelFormValue {
  const scale = levelScale(kpi);
  const text = (value: number | undefined) => (value === undefined ? '' : String(round(value * scale)));
  const number = (level: SlaLevelDto | undefined) => (typeof level === 'number' ? level : undefined);
  const band = (level: SlaLevelDto | undefined) => (level !== undefined && typeof level !== 'number' ? level : undefined);
  return {
    name: level?.name ?? '',
    kpiCode: level?.kpiCode ?? '',
    siteId: level?.scope.siteId ?? '',
    serviceLine: level?.scope.serviceLine ?? '',
    queue: level?.scope.queue ?? '',
    target: text(number(level?.target)),
    minimum: text(number(level?.minimum)),
    targetLow: text(band(level?.target)?.low),
    targetHigh: text(band(level?.target)?.high),
    minimumLow: text(band(level?.minimum)?.low),
    minimumHigh: text(band(level?.minimum)?.high),
    measurementPeriod: level?.measurementPeriod ?? 'monthly',
    kind: level?.kind ?? 'critical',
    poolAllocationPct: level ? String(level.poolAllocationPct) : '',
    earnBackPeriods: level?.earnBackPeriods === null || level === null ? '' : String(level.earnBackPeriods),
    meansOfMeasurement: level?.meansOfMeasurement ?? '',
  };
}

/** Maps a kpi-domain issue of `serviceLevels[0]...` to the form field that should show it. */
function fieldOf(issue: ValidationIssue): ServiceLevelFormField {
  const rest = issue.field.replace(/^serviceLevels\[0\]\.?/, '');
  if (rest === '' || rest.startsWith('target') || rest.startsWith('minimum')) return 'levels';
  if (rest.startsWith('earnBack')) return 'earnBackPeriods';
  if (rest.startsWith('scope.siteId')) return 'siteId';
  return (rest as ServiceLevelFormField) ?? 'levels';
}

/**
 * Every problem of the form value, as the api will judge it: required fields, then kpi-domain's
 * `validateSlaContractVersion` on a version holding just this service level (levels consistent with the
 * KPI's direction and unit, pool share, earn-back). Messages speak in % for percent KPIs; the form's own
 * messages come from the `contracts.serviceLevel.errors` dictionary, kpi-domain's stay as it words them.
 */
export function serviceLevelFormIssues(
  value: ServiceLevelFormValue,
  kpis: readonly KpiLike[],
  providerId: string,
  t: Translate,
): Partial<Record<ServiceLevelFormField, string>> {
  const errors: Partial<Record<ServiceLevelFormField, string>> = {};
  if (!value.name.trim()) errors.name = t('contracts.serviceLevel.errors.name');
  const kpi = kpis.find((candidate) => candidate.code === value.kpiCode);
  if (!kpi) {
    errors.kpiCode = t('contracts.serviceLevel.errors.kpiCode');
    return errors;
  }
  const request = toServiceLevelRequest(value, kpi);
  const numbers = kpi.direction === 'target_band' ? ['targetLow', 'targetHigh', 'minimumLow', 'minimumHigh'] : ['target', 'minimum'];
  if (numbers.some((field) => !Number.isFinite(parseNumber(value[field as keyof ServiceLevelFormValue] as string)))) {
    errors.levels = kpi.direction === 'target_band' ? t('contracts.serviceLevel.errors.bands') : t('contracts.serviceLevel.errors.levels');
  }
  if (value.kind === 'critical' && !Number.isFinite(request.poolAllocationPct)) {
    errors.poolAllocationPct = t('contracts.serviceLevel.errors.poolAllocationPct');
  }
  if (value.earnBackPeriods.trim() !== '' && !Number.isInteger(request.earnBackPeriods)) {
    errors.earnBackPeriods = t('contracts.serviceLevel.errors.earnBackPeriods');
  }
  const version: SlaContractVersion = {
    id: 'form',
    contractId: 'form',
    version: 1,
    providerId,
    currency: 'MXN',
    monthlyFee: 0,
    atRiskPct: 10,
    effectiveFrom: '2000-01-01',
    effectiveTo: null,
    serviceLevels: [
      {
        id: 'form',
        name: request.name || 'unnamed',
        scope: { providerId },
        kpiCode: request.kpiCode,
        target: request.target,
        minimum: request.minimum,
        measurementPeriod: request.measurementPeriod,
        kind: request.kind,
        poolAllocationPct: request.poolAllocationPct,
        earnBack: request.earnBackPeriods === null || request.earnBackPeriods === undefined ? null : { followingPeriods: request.earnBackPeriods },
      },
    ],
  };
  const scale = levelScale(kpi);
  // The validator only reads code, direction and unit of the KPI.
  const resolve = (code: string) => kpis.find((candidate) => candidate.code === code) as KpiDefinition | undefined;
  for (const issue of validateSlaContractVersion(version, resolve)) {
    const field = fieldOf(issue);
    if (errors[field]) continue;
    errors[field] =
      scale === 100 && issue.code === 'out_of_range' && field === 'levels' ? t('contracts.serviceLevel.errors.percentRange') : issue.message;
  }
  return errors;
}
