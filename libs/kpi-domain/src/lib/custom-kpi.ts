import { BUILT_IN_KPIS } from './kpi-catalog';
import { KpiBand, KpiDefinition, KpiDirection, KpiUnit, ServiceLineCode } from './kpi-definition';
import {
  CUSTOM_KPI_CODE_PATTERN,
  CUSTOM_KPI_DEFAULT_DISPLAY_PRECISION,
  CUSTOM_KPI_KINDS,
  CUSTOM_KPI_MAX_DISPLAY_PRECISION,
  CUSTOM_KPI_MAX_NAME_LENGTH,
  KPI_UNITS,
} from './custom-kpi.constants';
import { SERVICE_LINES } from './service-lines';
import { ValidationIssue, ValidationResult, isFiniteNumber } from './validation';

/**
 * How an admin-defined KPI is built from the stored components:
 * - ratio_of_sums: numerator / denominator, both summed before dividing (rates, averages as sum + count)
 * - weighted_mean: sum(value x weight) / sum(weight): store numerator = value x weight, denominator = weight
 * - sum: a plain count or total (numerator only)
 * - stock: a level at a moment (numerator only); period-end value over time, summed across slices
 * - band: a ratio of sums that should stay inside [band.low, band.high] (like occupancy)
 * Every kind maps to a `KpiAggregation`, so the resulting `KpiDefinition` rolls up like a built-in one.
 */
export type CustomKpiKind = 'ratio_of_sums' | 'weighted_mean' | 'sum' | 'stock' | 'band';

/** What an admin submits to define a KPI. Loosely typed on purpose: it comes from a form / API body. */
export interface CustomKpiInput {
  readonly code: string;
  readonly name: string;
  readonly description?: string;
  readonly kind: CustomKpiKind;
  readonly unit: KpiUnit;
  /** Required for every kind but `band` (which is always `target_band`). */
  readonly direction?: Exclude<KpiDirection, 'target_band'>;
  /** ratio_of_sums / band: what the numerator sums; sum / stock: what is counted. */
  readonly numeratorLabel?: string;
  /** ratio_of_sums / band: what the denominator sums. Must be absent for sum / stock. */
  readonly denominatorLabel?: string | null;
  /** weighted_mean: the averaged value, e.g. "QA score" ... */
  readonly valueLabel?: string;
  /** ... and its weight, e.g. "evaluations". */
  readonly weightLabel?: string;
  /** band only; in the KPI's own scale (ratios 0..1 for percents). */
  readonly band?: KpiBand;
  readonly displayPrecision?: number;
  readonly serviceLines: readonly ServiceLineCode[];
}

const KIND_TO_AGGREGATION = {
  ratio_of_sums: 'ratio_of_sums',
  weighted_mean: 'ratio_of_sums',
  sum: 'sum',
  stock: 'stock',
  band: 'ratio_of_sums',
} as const;

function isBlank(value: string | null | undefined): boolean {
  return value === undefined || value === null || value.trim() === '';
}

function validateLabels(input: CustomKpiInput, issues: ValidationIssue[]): void {
  const require = (field: keyof CustomKpiInput, value: string | null | undefined, what: string) => {
    if (isBlank(value))
      issues.push({ field, code: 'required', message: `${what} is required for a ${input.kind} KPI` });
  };
  const forbid = (field: keyof CustomKpiInput, value: string | null | undefined, why: string) => {
    if (!isBlank(value)) issues.push({ field, code: 'not_allowed', message: why });
  };
  switch (input.kind) {
    case 'ratio_of_sums':
    case 'band':
      require('numeratorLabel', input.numeratorLabel, 'The numerator label');
      require('denominatorLabel', input.denominatorLabel, 'The denominator label');
      break;
    case 'weighted_mean':
      require('valueLabel', input.valueLabel, 'The value label');
      require('weightLabel', input.weightLabel, 'The weight label');
      break;
    case 'sum':
    case 'stock':
      require('numeratorLabel', input.numeratorLabel, 'The label of what is counted');
      forbid('denominatorLabel', input.denominatorLabel, `A ${input.kind} KPI has no denominator`);
      break;
  }
}

function validateBand(input: CustomKpiInput, issues: ValidationIssue[]): void {
  if (input.kind !== 'band') {
    if (input.band !== undefined) {
      issues.push({ field: 'band', code: 'not_allowed', message: 'Only a band KPI has a band' });
    }
    return;
  }
  const band = input.band;
  if (band === undefined) {
    issues.push({ field: 'band', code: 'required', message: 'A band KPI needs a band (low and high)' });
    return;
  }
  if (!isFiniteNumber(band.low))
    issues.push({ field: 'band.low', code: 'not_a_number', message: 'band.low must be a number' });
  if (!isFiniteNumber(band.high))
    issues.push({ field: 'band.high', code: 'not_a_number', message: 'band.high must be a number' });
  if (!isFiniteNumber(band.low) || !isFiniteNumber(band.high)) return;
  if (band.low >= band.high) {
    issues.push({
      field: 'band',
      code: 'empty_band',
      message: `band.low (${band.low}) must be below band.high (${band.high})`,
    });
  }
  if (input.unit === 'percent' && (band.low < 0 || band.high > 1)) {
    issues.push({
      field: 'band',
      code: 'out_of_range',
      message: 'A percent band is a ratio between 0 and 1 (85 % is 0.85)',
    });
  }
}

function validateDirection(input: CustomKpiInput, issues: ValidationIssue[]): void {
  if (input.kind === 'band') {
    if (input.direction !== undefined) {
      issues.push({
        field: 'direction',
        code: 'not_allowed',
        message: 'A band KPI is always judged against its band',
      });
    }
    return;
  }
  if (input.direction === undefined) {
    issues.push({ field: 'direction', code: 'required', message: 'Say whether higher or lower is better' });
  } else if (input.direction !== 'higher_is_better' && input.direction !== 'lower_is_better') {
    issues.push({
      field: 'direction',
      code: 'invalid',
      message: `Unknown direction "${String(input.direction)}"`,
    });
  }
}

function validateIdentity(
  input: CustomKpiInput,
  existingCodes: readonly string[],
  issues: ValidationIssue[],
): void {
  if (!CUSTOM_KPI_CODE_PATTERN.test(input.code ?? '')) {
    issues.push({
      field: 'code',
      code: 'invalid_format',
      message: 'The code must be lower snake case, start with a letter and have 2 to 64 characters',
    });
  } else if (BUILT_IN_KPIS.some((kpi) => kpi.code === input.code)) {
    issues.push({ field: 'code', code: 'duplicate', message: `"${input.code}" is a built-in KPI code` });
  } else if (existingCodes.includes(input.code)) {
    issues.push({
      field: 'code',
      code: 'duplicate',
      message: `A KPI with code "${input.code}" already exists`,
    });
  }
  if (isBlank(input.name)) issues.push({ field: 'name', code: 'required', message: 'The name is required' });
  else if (input.name.trim().length > CUSTOM_KPI_MAX_NAME_LENGTH) {
    issues.push({
      field: 'name',
      code: 'too_long',
      message: `The name is longer than ${CUSTOM_KPI_MAX_NAME_LENGTH} characters`,
    });
  }
  if (!CUSTOM_KPI_KINDS.includes(input.kind)) {
    issues.push({ field: 'kind', code: 'invalid', message: `Unknown kind "${String(input.kind)}"` });
  }
  if (!KPI_UNITS.includes(input.unit)) {
    issues.push({ field: 'unit', code: 'invalid', message: `Unknown unit "${String(input.unit)}"` });
  }
}

function validateDisplay(input: CustomKpiInput, issues: ValidationIssue[]): void {
  const precision = input.displayPrecision;
  if (
    precision !== undefined &&
    (!Number.isInteger(precision) || precision < 0 || precision > CUSTOM_KPI_MAX_DISPLAY_PRECISION)
  ) {
    issues.push({
      field: 'displayPrecision',
      code: 'out_of_range',
      message: `displayPrecision must be a whole number from 0 to ${CUSTOM_KPI_MAX_DISPLAY_PRECISION}`,
    });
  }
  const lines = input.serviceLines ?? [];
  if (lines.length === 0) {
    issues.push({ field: 'serviceLines', code: 'required', message: 'Pick at least one service line' });
  }
  lines.forEach((line, index) => {
    if (!SERVICE_LINES.some((serviceLine) => serviceLine.code === line)) {
      issues.push({
        field: `serviceLines[${index}]`,
        code: 'invalid',
        message: `Unknown service line "${String(line)}"`,
      });
    } else if (lines.indexOf(line) !== index) {
      issues.push({
        field: `serviceLines[${index}]`,
        code: 'duplicate',
        message: `Service line "${line}" is listed twice`,
      });
    }
  });
}

function toDefinition(input: CustomKpiInput): KpiDefinition {
  const isWeightedMean = input.kind === 'weighted_mean';
  const numeratorLabel = isWeightedMean
    ? `sum of ${input.valueLabel?.trim()} x ${input.weightLabel?.trim()}`
    : (input.numeratorLabel ?? '').trim();
  const denominatorLabel = isWeightedMean
    ? `sum of ${input.weightLabel?.trim()}`
    : input.kind === 'sum' || input.kind === 'stock'
      ? null
      : (input.denominatorLabel ?? '').trim();
  return {
    code: input.code,
    name: input.name.trim(),
    description: input.description?.trim() ?? '',
    unit: input.unit,
    direction: input.kind === 'band' ? 'target_band' : (input.direction ?? 'higher_is_better'),
    aggregation: KIND_TO_AGGREGATION[input.kind],
    numeratorLabel,
    denominatorLabel,
    displayPrecision: input.displayPrecision ?? CUSTOM_KPI_DEFAULT_DISPLAY_PRECISION,
    ...(input.kind === 'band' && input.band ? { band: { low: input.band.low, high: input.band.high } } : {}),
    serviceLines: [...input.serviceLines],
    builtIn: false,
  };
}

/**
 * Validates an admin-defined KPI and turns it into a `KpiDefinition` that rolls up, is judged and
 * formatted exactly like a built-in one. Reports every problem at once.
 * @param existingCodes codes of the custom KPIs already defined (built-in codes are always taken).
 */
export function validateCustomKpi(
  input: CustomKpiInput,
  existingCodes: readonly string[] = [],
): ValidationResult<KpiDefinition> {
  const issues: ValidationIssue[] = [];
  validateIdentity(input, existingCodes, issues);
  if (CUSTOM_KPI_KINDS.includes(input.kind)) {
    validateDirection(input, issues);
    validateLabels(input, issues);
    validateBand(input, issues);
  }
  validateDisplay(input, issues);
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: toDefinition(input), issues: [] };
}

/** Finds a KPI by code among the built-ins first, then the given custom definitions. */
export function findKpiDefinition(
  code: string,
  customKpis: readonly KpiDefinition[] = [],
): KpiDefinition | undefined {
  return BUILT_IN_KPIS.find((kpi) => kpi.code === code) ?? customKpis.find((kpi) => kpi.code === code);
}
