/**
 * Page filters kept in the URL query string, so a filtered view can be shared and survives a reload.
 * Each filter has a field that reads it from the URL (anything unknown falls back to the default) and writes
 * it back (the default is left out, so unfiltered pages keep clean URLs).
 */
export interface QueryField<V> {
  readonly parse: (raw: string | null) => V;
  /** null = leave the parameter out of the URL. */
  readonly serialise: (value: V) => string | null;
}

export type QueryFields<F> = { readonly [K in keyof F]: QueryField<F[K]> };

/** What the filters read from: Angular's ParamMap or URLSearchParams. */
export interface QueryParamSource {
  get(name: string): string | null;
}

/** Free text or an id; empty = no filter. */
export function textField(): QueryField<string | null> {
  return {
    parse: (raw) => (raw && raw.trim() ? raw.trim() : null),
    serialise: (value) => (value && value.trim() ? value.trim() : null),
  };
}

/**
 * One of a fixed set of values. `fallback` is the value when the URL says nothing; when it is not null, "no
 * filter" is written as `anyToken` so it differs from the default (`?status=all` vs the default open ones).
 */
export function choiceField<T extends string>(choices: readonly T[], fallback: T | null = null, anyToken = 'all'): QueryField<T | null> {
  const isChoice = (raw: string | null): raw is T => raw !== null && (choices as readonly string[]).includes(raw);
  return {
    parse: (raw) => {
      if (isChoice(raw)) return raw;
      return fallback !== null && raw === anyToken ? null : fallback;
    },
    serialise: (value) => {
      if (value === fallback) return null;
      return value === null ? anyToken : value;
    },
  };
}

/** An on/off switch (a checkbox): `?overdue=true`; off is left out. */
export function flagField(): QueryField<boolean> {
  return {
    parse: (raw) => raw === 'true' || raw === '1',
    serialise: (value) => (value ? 'true' : null),
  };
}

/** A whole number within bounds (a page size, a number of days); anything else = the fallback. */
export function integerField(fallback: number, min: number, max: number): QueryField<number> {
  return {
    parse: (raw) => {
      const value = raw !== null && /^-?\d+$/.test(raw) ? Number(raw) : NaN;
      return Number.isSafeInteger(value) && value >= min && value <= max ? value : fallback;
    },
    serialise: (value) => (value === fallback ? null : String(value)),
  };
}

export function parseQueryFilters<F>(fields: QueryFields<F>, params: QueryParamSource): F {
  const filters = {} as F;
  for (const key of Object.keys(fields) as (keyof F & string)[]) {
    filters[key] = fields[key].parse(params.get(key));
  }
  return filters;
}

/**
 * The query parameters for `router.navigate([], { queryParams, queryParamsHandling: 'merge' })`: a filter at
 * its default is null, which removes it from the URL.
 */
export function toQueryParams<F>(fields: QueryFields<F>, filters: NoInfer<F>): Record<string, string | null> {
  const params: Record<string, string | null> = {};
  for (const key of Object.keys(fields) as (keyof F & string)[]) {
    params[key] = fields[key].serialise(filters[key]);
  }
  return params;
}
