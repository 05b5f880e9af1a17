import type { ChronicFailureRule } from './service-credits';

/** Chronic failure: breached in 3 of the last 6 months (the month being evaluated included). */
export const DEFAULT_CHRONIC_FAILURE_RULE: ChronicFailureRule = { breachedMonths: 3, windowMonths: 6 };

/** Money is rounded to cents unless told otherwise. */
export const DEFAULT_MONEY_DECIMALS = 2;
