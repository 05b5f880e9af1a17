import { KpiDefinitionDto } from '@kpi/contracts';

/** The parts of a KPI definition the presentational components need (a `KpiDefinitionDto` fits). */
export type KpiDisplay = Pick<KpiDefinitionDto, 'code' | 'name' | 'unit' | 'direction' | 'displayPrecision'> & {
  readonly band?: { readonly low: number; readonly high: number } | null;
};
