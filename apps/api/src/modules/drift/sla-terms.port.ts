import type { SlaContractVersion } from '@kpi/domain';

/**
 * Where the drift engine reads SLA contract terms (service levels with minimum and target) for the
 * SLA-aware rules: breach of the minimum, at risk near it, fast burn of the period's error budget.
 *
 * The SLA contracts capability provides the real source; until it is wired here the engine runs with
 * NO_SLA_TERMS and simply raises no SLA events. To connect it, provide this token in DriftModule from
 * that module's exported service, e.g. `{ provide: DRIFT_SLA_TERMS, useExisting: SlaTermsForDrift }`.
 */
export const DRIFT_SLA_TERMS = Symbol('DRIFT_SLA_TERMS');

export interface SlaTermsSource {
  /** Every contract version of the provider (all dates); the engine picks the terms in force per day. */
  versionsFor(providerId: string): Promise<readonly SlaContractVersion[]>;
}

export const NO_SLA_TERMS: SlaTermsSource = {
  versionsFor: async () => [],
};
