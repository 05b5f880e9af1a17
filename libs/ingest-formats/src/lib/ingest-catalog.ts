import { BUILT_IN_KPIS, KpiDefinition, SERVICE_LINES, ServiceLineCode } from '@kpi/domain';
import { KPI_ALIASES, SERVICE_LINE_ALIASES } from './ingest-catalog.constants';
import { SuggestionCandidate, normaliseName, suggestClosest } from './text-match';

/** A site of the provider whose data is being read. */
export interface IngestSite {
  /** Stored site code, e.g. `MTY`. */
  readonly code: string;
  readonly name?: string;
  /** City, e.g. `Monterrey`; files often name the city instead of the code. */
  readonly city?: string;
}

/** The KPI facts validation needs (a full `KpiDefinition` fits). */
export type IngestKpi = Pick<
  KpiDefinition,
  'code' | 'name' | 'unit' | 'aggregation' | 'numeratorLabel' | 'denominatorLabel'
>;

/** What a file is checked against: the provider's sites, the KPIs and service lines in use. */
export interface IngestCatalog {
  readonly kpis: readonly IngestKpi[];
  readonly sites: readonly IngestSite[];
  readonly serviceLines: readonly ServiceLineCode[];
}

/** A catalog with the built-in KPIs and all service lines unless others are given. */
export function createIngestCatalog(input: {
  sites: readonly IngestSite[];
  kpis?: readonly IngestKpi[];
  serviceLines?: readonly ServiceLineCode[];
}): IngestCatalog {
  return {
    sites: input.sites,
    kpis: input.kpis ?? BUILT_IN_KPIS,
    serviceLines: input.serviceLines ?? SERVICE_LINES.map((line) => line.code),
  };
}

/** Result of matching a raw value against known codes. */
export type Resolution<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly kind: 'unknown' | 'ambiguous'; readonly reason: string };

/**
 * Matches raw names to codes, tolerant of case, accents, spacing and common aliases (Spanish included).
 * Results are memoised per raw value, so a million rows with a handful of distinct values cost a handful
 * of lookups. "Did you mean" suggestions are computed only on request (they are skipped once the error
 * list is full).
 */
export class Resolver<T extends string> {
  private readonly exact = new Map<string, T>();
  private readonly byKey = new Map<string, Set<T>>();
  private readonly memo = new Map<string, Resolution<T>>();

  constructor(
    private readonly what: string,
    codes: readonly T[],
    private readonly candidates: readonly SuggestionCandidate[],
    keys: readonly { key: string; code: T }[],
    private readonly listInReason: boolean,
    private readonly unknownSuffix = '',
  ) {
    for (const code of codes) this.exact.set(code, code);
    for (const { key, code } of keys) {
      if (key === '') continue;
      let set = this.byKey.get(key);
      if (!set) this.byKey.set(key, (set = new Set()));
      set.add(code);
    }
  }

  resolve(raw: string): Resolution<T> {
    const hit = this.exact.get(raw);
    if (hit !== undefined) return { ok: true, value: hit };
    let result = this.memo.get(raw);
    if (result === undefined) {
      result = this.compute(raw);
      if (this.memo.size > 100_000) this.memo.clear();
      this.memo.set(raw, result);
    }
    return result;
  }

  suggest(raw: string): string | undefined {
    return suggestClosest(raw, this.candidates);
  }

  private compute(raw: string): Resolution<T> {
    const set = this.byKey.get(normaliseName(raw));
    if (set && set.size === 1) return { ok: true, value: set.values().next().value as T };
    if (set && set.size > 1) {
      return {
        ok: false,
        kind: 'ambiguous',
        reason: `matches several ${this.what}s (${[...set].sort().join(', ')}); use the ${this.what} code`,
      };
    }
    const known = this.listInReason ? ` (${[...this.exact.keys()].join(', ')})` : '';
    return { ok: false, kind: 'unknown', reason: `is not a known ${this.what}${this.unknownSuffix}${known}` };
  }
}

/** Lookups prepared once per catalog object (cached). */
export interface PreparedCatalog {
  readonly catalog: IngestCatalog;
  readonly kpiByCode: ReadonlyMap<string, IngestKpi>;
  readonly sites: Resolver<string>;
  readonly serviceLines: Resolver<ServiceLineCode>;
  readonly kpis: Resolver<string>;
}

const prepared = new WeakMap<IngestCatalog, PreparedCatalog>();

export function prepareCatalog(catalog: IngestCatalog): PreparedCatalog {
  const cached = prepared.get(catalog);
  if (cached) return cached;
  const siteCodes = catalog.sites.map((s) => s.code);
  const siteCandidates: SuggestionCandidate[] = [];
  const siteKeys: { key: string; code: string }[] = [];
  for (const site of catalog.sites) {
    for (const label of [site.code, site.name, site.city]) {
      if (label === undefined || label === '') continue;
      siteCandidates.push({ label, key: normaliseName(label) });
      siteKeys.push({ key: normaliseName(label), code: site.code });
    }
  }
  const lineCodes = [...catalog.serviceLines];
  const lineCandidates: SuggestionCandidate[] = [];
  const lineKeys: { key: string; code: ServiceLineCode }[] = [];
  for (const code of lineCodes) {
    const name = SERVICE_LINES.find((l) => l.code === code)?.name;
    for (const label of [code, name, ...(SERVICE_LINE_ALIASES[code] ?? [])]) {
      if (label === undefined) continue;
      lineKeys.push({ key: normaliseName(label), code });
    }
    lineCandidates.push({ label: code, key: normaliseName(code) });
  }
  const kpiCodes = catalog.kpis.map((k) => k.code);
  const kpiCandidates: SuggestionCandidate[] = [];
  const kpiKeys: { key: string; code: string }[] = [];
  for (const kpi of catalog.kpis) {
    kpiCandidates.push({ label: kpi.code, key: normaliseName(kpi.code) });
    for (const label of [kpi.code, kpi.name, ...(KPI_ALIASES[kpi.code] ?? [])]) {
      kpiKeys.push({ key: normaliseName(label), code: kpi.code });
    }
  }
  const result: PreparedCatalog = {
    catalog,
    kpiByCode: new Map(catalog.kpis.map((k) => [k.code, k])),
    sites: new Resolver('site', siteCodes, siteCandidates, siteKeys, false, ' of this provider'),
    serviceLines: new Resolver('service line', lineCodes, lineCandidates, lineKeys, true),
    kpis: new Resolver('KPI code', kpiCodes, kpiCandidates, kpiKeys, false),
  };
  prepared.set(catalog, result);
  return result;
}
