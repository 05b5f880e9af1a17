import { KpiObservation } from './kpi-observation';

/** Test-only builders (not exported from the library index). */
export const SITE_CITIES: Readonly<Record<string, string>> = {
  mty: 'Monterrey',
  'mty-2': 'Monterrey',
  gdl: 'Guadalajara',
  cdmx: 'Ciudad de México',
  qro: 'Querétaro',
};

/** One observation of provider "p1", voice, queue "sales" unless overridden. */
export function anObservation(
  kpiCode: string,
  date: string,
  siteId: string,
  numerator: number,
  denominator: number | null,
  overrides: Partial<KpiObservation> = {},
): KpiObservation {
  return {
    date,
    kpiCode,
    providerId: 'p1',
    siteId,
    city: SITE_CITIES[siteId] ?? siteId,
    serviceLine: 'voice',
    queue: 'sales',
    numerator,
    denominator,
    ...overrides,
  };
}
