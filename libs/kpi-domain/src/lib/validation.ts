/** One problem found by a validator: which field, a stable machine code, and a sentence for the admin. */
export interface ValidationIssue {
  /** Dotted path of the offending field, e.g. "band.low" or "serviceLevels[2].target". */
  readonly field: string;
  /** Stable code for the UI / API to map, e.g. "required", "out_of_range", "duplicate". */
  readonly code: string;
  readonly message: string;
}

/** Either the validated value, or every issue found (never only the first one). */
export type ValidationResult<T> =
  | { readonly ok: true; readonly value: T; readonly issues: readonly [] }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
