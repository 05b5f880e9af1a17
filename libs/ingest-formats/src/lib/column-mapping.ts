import { distance } from 'fastest-levenshtein';
import { Delimiter } from './delimited';
import { IssueCollector } from './ingest-issue';
import {
  CONTACT_TARGET_FIELDS,
  FIELD_ALIASES,
  LONG_TARGET_FIELDS,
  QA_TARGET_FIELDS,
  WIDE_TARGET_FIELDS,
} from './column-mapping.constants';
import { OBSERVATION_GRANULARITIES } from './observation-record';
import { SuggestionCandidate, maxSuggestionDistance, normaliseName, suggestClosest } from './text-match';
import { DateFormat, DecimalSeparator, DurationStyle, PercentStyle } from './value-parsers';

/** What the rows of a file are. */
export type MappingLayout = 'long' | 'wide' | 'contacts' | 'qa_evaluations';

export const MAPPING_LAYOUTS: readonly MappingLayout[] = ['long', 'wide', 'contacts', 'qa_evaluations'];

export const TARGET_FIELDS: Readonly<Record<MappingLayout, readonly string[]>> = {
  long: LONG_TARGET_FIELDS,
  wide: WIDE_TARGET_FIELDS,
  contacts: CONTACT_TARGET_FIELDS,
  qa_evaluations: QA_TARGET_FIELDS,
};

/** How satisfaction values of per-contact rows are read. */
export type SatisfactionStyle = 'auto' | 'scale5' | 'top2box';

export interface ValueFormats {
  /** Slashed dates: `auto` (= dd/mm/yyyy), `dd/mm/yyyy` or `mm/dd/yyyy`. ISO dates are always accepted. */
  readonly date?: DateFormat;
  /** `auto` (default): `,` when the file's delimiter is `;`, `.` otherwise (and for XLSX). */
  readonly decimalSeparator?: 'auto' | DecimalSeparator;
  /** Bare numbers in percentage columns (see `parsePercent`); default `auto`. */
  readonly percent?: PercentStyle;
  /** Bare numbers in duration columns; default `auto` = seconds. */
  readonly duration?: DurationStyle;
  /** Per-contact satisfaction: `scale5` (1-5, 4 and 5 satisfied), `top2box` (yes/no), `auto` (either). */
  readonly satisfaction?: SatisfactionStyle;
}

/**
 * A saved, reusable description of one feed's files (plain JSON, stored per feed).
 *
 * ```json
 * { "version": 1, "layout": "wide",
 *   "columns": { "date": "Fecha", "site": "Sitio", "queue": "Cola", "offered": "Ofrecidas",
 *                "answered": "Atendidas", "abandoned": "Abandonadas", "aht": "TMO",
 *                "service_level": "Nivel de servicio" },
 *   "constants": { "service_line": "voice" },
 *   "formats": { "date": "dd/mm/yyyy", "decimalSeparator": ",", "percent": "auto" } }
 * ```
 */
export interface ColumnMapping {
  readonly version: 1;
  readonly layout: MappingLayout;
  /** Target field -> source header as written in the file (matched case/accent-insensitively). */
  readonly columns: Readonly<Record<string, string>>;
  /** Target field -> fixed value for the whole file (a site, a service line, a granularity...). */
  readonly constants?: Readonly<Record<string, string>>;
  readonly formats?: ValueFormats;
  /** Wide layout: produce only these KPIs (default: every KPI whose columns are mapped). */
  readonly kpis?: readonly string[];
  /** XLSX: sheet name (default: the first sheet). */
  readonly sheet?: string;
  /** XLSX: Excel row of the header (default: the first row with two or more filled cells). */
  readonly headerRow?: number;
  /** CSV: force the delimiter instead of detecting it. */
  readonly delimiter?: Delimiter;
}

/** Fields each layout needs, as a column or a constant. A list means "at least one of". */
export const REQUIRED_TARGETS: Readonly<Record<MappingLayout, readonly (string | readonly string[])[]>> = {
  long: ['date', 'site', 'service_line', 'kpi', ['numerator', 'value']],
  wide: ['date', 'site', 'service_line'],
  contacts: ['contact_id', 'started_at', 'site', 'service_line', ['answered', 'abandoned']],
  qa_evaluations: ['evaluation_id', 'evaluated_at', 'agent_id', 'site', 'service_line', 'score', 'possible'],
};

const FORMAT_VALUES: Readonly<Record<keyof ValueFormats, readonly string[]>> = {
  date: ['auto', 'dd/mm/yyyy', 'mm/dd/yyyy', 'yyyy-mm-dd'],
  decimalSeparator: ['auto', '.', ','],
  percent: ['auto', 'points', 'ratio'],
  duration: ['auto', 'seconds', 'minutes', 'hours', 'milliseconds'],
  satisfaction: ['auto', 'scale5', 'top2box'],
};

function isRecordOfStrings(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === 'string')
  );
}

/** Checks a mapping loaded from storage (unknown JSON). Lists every problem. */
export function parseColumnMapping(
  json: unknown,
): { ok: true; value: ColumnMapping } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return { ok: false, problems: ['the mapping must be a JSON object'] };
  const m = json as Record<string, unknown>;
  if (m['version'] !== 1) problems.push('version must be 1');
  const layout = m['layout'];
  if (typeof layout !== 'string' || !MAPPING_LAYOUTS.includes(layout as MappingLayout)) {
    problems.push(`layout must be one of ${MAPPING_LAYOUTS.join(', ')}`);
  }
  const targets = TARGET_FIELDS[layout as MappingLayout] ?? [];
  for (const key of ['columns', 'constants'] as const) {
    const value = m[key];
    if (value === undefined && key === 'constants') continue;
    if (!isRecordOfStrings(value)) {
      problems.push(`${key} must be an object of target field -> text`);
      continue;
    }
    for (const target of Object.keys(value)) {
      if (targets.length > 0 && !targets.includes(target)) {
        const hint = suggestClosest(
          target,
          targets.map((t) => ({ label: t, key: normaliseName(t) })),
        );
        problems.push(
          `${key}.${target} is not a target field of the ${String(layout)} layout${hint ? ` (did you mean "${hint}"?)` : ''}`,
        );
      }
    }
  }
  const formats = m['formats'];
  if (formats !== undefined) {
    if (typeof formats !== 'object' || formats === null || Array.isArray(formats))
      problems.push('formats must be an object');
    else {
      for (const [key, value] of Object.entries(formats)) {
        const allowed = FORMAT_VALUES[key as keyof ValueFormats];
        if (!allowed) problems.push(`formats.${key} is not a known format`);
        else if (typeof value !== 'string' || !allowed.includes(value))
          problems.push(`formats.${key} must be one of ${allowed.join(', ')}`);
      }
    }
  }
  const constants = m['constants'] as Record<string, string> | undefined;
  if (
    constants?.['granularity'] !== undefined &&
    !OBSERVATION_GRANULARITIES.includes(constants['granularity'] as never)
  ) {
    problems.push('constants.granularity must be day, week or month');
  }
  if (
    m['kpis'] !== undefined &&
    !(Array.isArray(m['kpis']) && m['kpis'].every((k) => typeof k === 'string'))
  ) {
    problems.push('kpis must be a list of KPI codes');
  }
  if (m['sheet'] !== undefined && typeof m['sheet'] !== 'string') problems.push('sheet must be text');
  if (m['headerRow'] !== undefined && !(Number.isInteger(m['headerRow']) && (m['headerRow'] as number) >= 1))
    problems.push('headerRow must be a row number (1 or more)');
  if (m['delimiter'] !== undefined && ![',', ';', '\t'].includes(m['delimiter'] as string))
    problems.push('delimiter must be ",", ";" or a tab');
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: json as ColumnMapping };
}

// ---------------------------------------------------------------------------------------------
// Suggestions

export type MatchHow = 'exact' | 'alias' | 'contains' | 'similar';

export interface MappingSuggestion {
  /** Target field -> header. */
  readonly columns: Record<string, string>;
  readonly matches: readonly { readonly target: string; readonly header: string; readonly how: MatchHow }[];
  /** Headers no target was matched to. */
  readonly unmappedHeaders: string[];
  /** Targets no header was matched to. */
  readonly unmatchedTargets: string[];
}

/** Unit decorations dropped before comparing a header with aliases: `TMO (hh:mm:ss)`, `Espera (seg)`. */
const UNIT_TOKENS = new Set([
  'seg',
  'segs',
  'sec',
  'secs',
  's',
  'hh',
  'mm',
  'ss',
  'hhmmss',
  'mmss',
  'hrs',
  'min',
  'mins',
]);

function stripUnits(key: string): string {
  return key
    .split(' ')
    .filter((t) => !UNIT_TOKENS.has(t))
    .join(' ');
}

function containsPhrase(haystack: string, phrase: string): boolean {
  return ` ${haystack} `.includes(` ${phrase} `);
}

/**
 * Proposes which header feeds each target field: exact name, then a known alias (English or Spanish,
 * case/accent/punctuation-insensitive, units like "(seg)" ignored), then a header containing an alias as
 * whole words (longer aliases win), then a near spelling. Each header and each target is used once.
 */
export function suggestMapping(
  header: readonly string[],
  targetFields: readonly string[],
): MappingSuggestion {
  interface Candidate {
    target: string;
    header: string;
    score: number;
    how: MatchHow;
  }
  const candidates: Candidate[] = [];
  for (const h of header) {
    const key = normaliseName(h);
    const bare = stripUnits(key);
    if (key === '') continue;
    for (const target of targetFields) {
      const names = [target, ...(FIELD_ALIASES[target] ?? [])].map(normaliseName);
      let best: Candidate | null = null;
      const consider = (score: number, how: MatchHow) => {
        if (best === null || score > best.score) best = { target, header: h, score, how };
      };
      names.forEach((name, i) => {
        if (key === name || bare === name) consider(i === 0 ? 1000 : 900 - i, i === 0 ? 'exact' : 'alias');
        else if (name.length >= 3 && containsPhrase(bare, name))
          consider(500 + name.length * 10 - i, 'contains');
        else if (name.length >= 4 && bare.length >= 4) {
          const d = distance(bare, name);
          if (d <= maxSuggestionDistance(Math.max(bare.length, name.length)) && d <= 2)
            consider(100 - d * 10, 'similar');
        }
      });
      if (best !== null) candidates.push(best);
    }
  }
  candidates.sort((a, b) => b.score - a.score);
  const columns: Record<string, string> = {};
  const matches: { target: string; header: string; how: MatchHow }[] = [];
  const usedHeaders = new Set<string>();
  for (const c of candidates) {
    if (columns[c.target] !== undefined || usedHeaders.has(c.header)) continue;
    columns[c.target] = c.header;
    usedHeaders.add(c.header);
    matches.push({ target: c.target, header: c.header, how: c.how });
  }
  return {
    columns,
    matches,
    unmappedHeaders: header.filter((h) => !usedHeaders.has(h)),
    unmatchedTargets: targetFields.filter((t) => columns[t] === undefined),
  };
}

/**
 * A draft mapping for a layout; for observations files (`layout` omitted) the layout is guessed:
 * long when a KPI column and a numerator or value column are found, wide otherwise.
 */
export function suggestColumnMapping(
  header: readonly string[],
  layout?: MappingLayout,
): { mapping: ColumnMapping; suggestion: MappingSuggestion } {
  let chosen: MappingLayout = layout ?? 'wide';
  if (layout === undefined) {
    const long = suggestMapping(header, LONG_TARGET_FIELDS);
    if (
      long.columns['kpi'] !== undefined &&
      (long.columns['numerator'] !== undefined || long.columns['value'] !== undefined)
    )
      chosen = 'long';
  }
  const suggestion = suggestMapping(header, TARGET_FIELDS[chosen]);
  return { mapping: { version: 1, layout: chosen, columns: suggestion.columns }, suggestion };
}

// ---------------------------------------------------------------------------------------------
// Applying a mapping to a header

/** A mapping checked against one file's header: target field -> column index, plus constants. */
export interface ResolvedColumns {
  /** Target -> index in the row values (absent when not mapped). */
  readonly index: ReadonlyMap<string, number>;
  /** Target -> header name (for error messages). */
  readonly header: ReadonlyMap<string, string>;
  readonly constants: Readonly<Record<string, string>>;
  has(target: string): boolean;
}

/**
 * Matches the mapping's columns with the file header (exactly, else case/accent-insensitively) and checks
 * that the layout's required fields are there. Problems go to `issues` (code `mapping`, the header line);
 * returns null when the file cannot be read with this mapping.
 */
export function resolveColumns(
  mapping: ColumnMapping,
  header: readonly string[],
  headerLine: number | null,
  issues: IssueCollector,
): ResolvedColumns | null {
  const before = issues.errorCount;
  const index = new Map<string, number>();
  const names = new Map<string, string>();
  const constants = mapping.constants ?? {};
  const byKey = new Map<string, number[]>();
  header.forEach((h, i) => {
    const key = normaliseName(h);
    const list = byKey.get(key) ?? [];
    list.push(i);
    byKey.set(key, list);
  });
  const candidates: SuggestionCandidate[] = header.map((h) => ({ label: h, key: normaliseName(h) }));
  const targets = TARGET_FIELDS[mapping.layout];
  for (const [target, source] of Object.entries(mapping.columns)) {
    if (!targets.includes(target)) {
      issues.error({
        code: 'mapping',
        line: headerLine,
        column: source,
        value: null,
        reason: `the mapping names an unknown target field "${target}" for the ${mapping.layout} layout`,
        suggestion: suggestClosest(
          target,
          targets.map((t) => ({ label: t, key: normaliseName(t) })),
        ),
      });
      continue;
    }
    if (constants[target] !== undefined) {
      issues.error({
        code: 'mapping',
        line: headerLine,
        column: source,
        value: null,
        reason: `the mapping gives "${target}" both a column and a constant; keep one`,
      });
      continue;
    }
    let i = header.indexOf(source);
    if (i === -1) {
      const found = byKey.get(normaliseName(source));
      if (found && found.length === 1) i = found[0];
    }
    if (i === -1) {
      issues.error({
        code: 'mapping',
        line: headerLine,
        column: source,
        value: null,
        reason: `is mapped to "${target}" but is not a column of this file`,
        suggestion: suggestClosest(source, candidates),
      });
      continue;
    }
    index.set(target, i);
    names.set(target, header[i]);
  }
  for (const required of REQUIRED_TARGETS[mapping.layout]) {
    const options = typeof required === 'string' ? [required] : required;
    // A target whose column is missing from the file was reported above.
    if (options.some((t) => mapping.columns[t] !== undefined || constants[t] !== undefined)) continue;
    issues.error({
      code: 'mapping',
      line: headerLine,
      column: null,
      value: null,
      reason: `the mapping gives no column or constant for ${options.map((t) => `"${t}"`).join(' or ')}`,
    });
  }
  if (issues.errorCount > before) return null;
  return { index, header: names, constants, has: (t: string) => index.has(t) };
}

/** The decimal separator a file uses under a mapping (`auto`: `,` for `;` files). */
export function effectiveDecimalSeparator(
  formats: ValueFormats | undefined,
  delimiter: Delimiter | null,
): DecimalSeparator {
  const configured = formats?.decimalSeparator ?? 'auto';
  if (configured !== 'auto') return configured;
  return delimiter === ';' ? ',' : '.';
}
