import { distance } from 'fastest-levenshtein';

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const NON_ALNUM = /[^a-z0-9]+/g;

/**
 * Case-, accent- and punctuation-insensitive form of a name: `"  Querétaro "` -> `queretaro`,
 * `"Nivel de Servicio (%)"` -> `nivel de servicio`, `"service_level"` -> `service level`.
 * `%`, `#` and `&` are spelled out as words so `"% abandono"` stays distinct from `"abandono"`.
 */
export function normaliseName(text: string): string {
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(/%/g, ' pct ')
    .replace(/#/g, ' num ')
    .replace(/&/g, ' and ')
    .replace(NON_ALNUM, ' ')
    .trim();
}

/** `normaliseName` with `_` between words: a name compared like a code (`"Service Level"` -> `service_level`). */
export function normaliseCode(text: string): string {
  return normaliseName(text).replace(/ /g, '_');
}

export interface SuggestionCandidate {
  /** The spelling shown to the user (a code, a city...). */
  readonly label: string;
  /** `normaliseName(label)` or an alias normalised the same way. */
  readonly key: string;
}

/** The largest edit distance still worth a "did you mean": about a third of the word, 1 to 3 edits. */
export function maxSuggestionDistance(length: number): number {
  return Math.min(3, Math.max(1, Math.round(length / 3)));
}

/**
 * The closest candidate by Levenshtein distance between normalised forms (`Monterey` -> `Monterrey`,
 * `servce_level` -> `service_level`), or undefined when nothing is close enough.
 */
export function suggestClosest(
  value: string,
  candidates: readonly SuggestionCandidate[],
): string | undefined {
  const key = normaliseName(value);
  if (key === '') return undefined;
  let best: SuggestionCandidate | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(key, candidate.key);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (best === undefined) return undefined;
  const limit = maxSuggestionDistance(Math.max(key.length, best.key.length));
  return bestDistance <= limit ? best.label : undefined;
}
