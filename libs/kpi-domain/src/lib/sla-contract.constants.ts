import type { MeasurementPeriod, ServiceLevelKind } from './sla-contract';

export const MEASUREMENT_PERIODS: readonly MeasurementPeriod[] = ['daily', 'weekly', 'monthly', 'quarterly'];
export const SERVICE_LEVEL_KINDS: readonly ServiceLevelKind[] = ['critical', 'key_measurement'];
export const CURRENCY_CODE_PATTERN = /^[A-Z]{3}$/;
