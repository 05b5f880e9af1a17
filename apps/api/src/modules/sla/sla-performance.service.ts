import { BadRequestException, Inject, Injectable, NotFoundException, Optional } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type {
  AttainmentResultDto,
  BurnRateDto,
  MonthlyCreditsDto,
  ProviderAttainmentDto,
  ProviderBurnRateDto,
  ProviderCreditsDto,
  ProviderScorecardDto,
  ScorecardRankingDto,
  ScorecardWeightsDto,
  ServiceLevelBurnDto,
  SiteComparisonDto,
  SlaLevelDto,
} from '@kpi/contracts';
import {
  AttainmentPlan,
  AttainmentResult,
  AttainmentStatus,
  BurnRateResult,
  ProviderScore,
  IsoDate,
  KpiDefinition,
  ScorecardComponentScores,
  ScorecardWeights,
  SlaContractVersion,
  SlaLevel,
  addDays,
  addMonths,
  bucketOf,
  compareIsoDates,
  computeBurnRate,
  computeMonthlyServiceCredits,
  computeProviderScore,
  daysBetween,
  endOfMonth,
  formatKpiValue,
  isBandLevel,
  judgeAttainment,
  measurementPeriodGranularity,
  minIsoDate,
  monthKeyOf,
  planAttainment,
  planServiceLevelEvaluations,
  rankProviders,
  rankSiteComparison,
  scoreDataFreshness,
  scoreEscalationResponsiveness,
  scoreRatio,
  scoreSlaAttainment,
  termsForPeriod,
  termsInForce,
  validateScorecardWeights,
  worstAttainmentStatus,
} from '@kpi/domain';
import { ProviderScope } from '../auth/provider-scope';
import { MetricsRollupService, RequestResult } from '../metrics/metrics-rollup.service';
import { MetricsService } from '../metrics/metrics.service';
import { ComponentRequest } from '../metrics/rollup-plan';
import {
  EscalationResponsivenessCounts,
  EscalationResponsivenessSource,
  SLA_ESCALATION_RESPONSIVENESS,
} from './escalation-responsiveness.port';
import { SLA_CLOCK, SlaClock, localToday } from './sla.clock';
import {
  CHRONIC_WINDOW_MONTHS,
  DEFAULT_SCORECARD_MONTHS,
  DEFAULT_SLA_MONTHS,
  MAX_SLA_MONTHS,
  QA_KPI_CODE,
  SCORECARD_COMPONENT_LABELS,
} from './sla.constants';
import { scopeLabel, toDomainContract } from './sla.mapper';
import { ContractRecord, ProviderInfo, SlaRepository } from './sla.repository';

export interface PeriodQuery {
  from?: string;
  to?: string;
  asOf?: string;
}

/** The SLA status of one KPI of one provider: the service level that decided it (the worst one). */
export interface KpiSlaStatus {
  kpiCode: string;
  status: AttainmentStatus;
  serviceLevelId: string;
  name: string;
  scopeLabel: string;
  periodLabel: string;
  value: number | null;
  target: SlaLevelDto;
  minimum: SlaLevelDto;
}

interface MonthWindow {
  /** yyyy-mm */
  from: string;
  to: string;
  asOf: IsoDate;
}

/** What `measurePlans` returns per plan (null = not measured: the period had not started). */
interface MeasuredComponents {
  value: number | null;
  numerator: number;
  denominator: number | null;
  observationCount: number;
  excludedObservationCount: number;
}

interface ScoredCard {
  card: ProviderScorecardDto;
  score: ProviderScore;
}

interface EvaluatedContract {
  record: ContractRecord;
  versions: SlaContractVersion[];
  results: AttainmentResult[];
}

function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let month = from; month <= to; month = monthKeyOf(addMonths(`${month}-01`, 1))) months.push(month);
  return months;
}

function levelDto(level: SlaLevel): SlaLevelDto {
  return isBandLevel(level) ? { low: level.low, high: level.high } : level;
}

function burnDto(result: BurnRateResult): BurnRateDto {
  return {
    status: result.status,
    burnRate: result.burnRate,
    budgetConsumedFraction: result.budgetConsumedFraction,
    errorBudget: result.errorBudget,
    budgetConsumed: result.budgetConsumed,
    budgetRemaining: result.budgetRemaining,
    projectedMissDay: result.projectedMissDay,
    projectedMissDate: result.projectedMissDate,
    explanation: result.explanation,
  };
}

/**
 * Attainment, burn rate, service credits, scorecards and site comparisons. The api only gathers data:
 * which periods to judge and by which terms (`planServiceLevelEvaluations`), the components of each (from
 * the rollups, exclusions removed per date and site), then kpi-domain judges (`judgeAttainment`), projects
 * (`computeBurnRate`), prices (`computeMonthlyServiceCredits`) and scores (`computeProviderScore`).
 */
@Injectable()
export class SlaPerformanceService {
  constructor(
    private readonly repository: SlaRepository,
    private readonly metrics: MetricsService,
    private readonly rollups: MetricsRollupService,
    @Inject(SLA_CLOCK) private readonly clock: SlaClock,
    @Optional() private readonly moduleRef?: ModuleRef,
  ) {}

  /**
   * The escalations module's responsiveness source, looked up lazily (that module imports SlaModule, so
   * it cannot be injected here without a module cycle); null when no module provides it.
   */
  private escalationSource(): EscalationResponsivenessSource | null {
    if (!this.moduleRef) return null;
    try {
      return this.moduleRef.get<EscalationResponsivenessSource>(SLA_ESCALATION_RESPONSIVENESS, { strict: false });
    } catch {
      return null;
    }
  }

  async attainment(scope: ProviderScope, providerId: string, query: PeriodQuery): Promise<ProviderAttainmentDto> {
    const provider = await this.visibleProvider(scope, providerId);
    const window = this.monthWindow(provider, query, DEFAULT_SLA_MONTHS, 0);
    const definitions = await this.metrics.kpiDefinitions();
    const contracts = await this.repository.loadContracts({ providerIds: [provider.id] });
    const evaluated = await this.evaluate(contracts, definitions, `${window.from}-01`, endOfMonth(`${window.to}-01`), window.asOf);
    return {
      providerId: provider.id,
      asOf: window.asOf,
      from: window.from,
      to: window.to,
      months: monthsBetween(window.from, window.to),
      contracts: evaluated.map(({ record, versions, results }) => {
        const byLevel = new Map<string, AttainmentResult[]>();
        for (const result of results) byLevel.set(result.serviceLevelId, [...(byLevel.get(result.serviceLevelId) ?? []), result]);
        return {
          contractId: record.id,
          contractName: record.name,
          serviceLevels: [...byLevel.values()].sort((a, b) => positionOf(record, a[0].serviceLevelId) - positionOf(record, b[0].serviceLevelId)).map((list) => {
            const latest = list[list.length - 1].serviceLevel;
            return {
              serviceLevelId: latest.id,
              name: latest.name,
              kpiCode: latest.kpiCode,
              kind: latest.kind,
              measurementPeriod: latest.measurementPeriod,
              scopeLabel: scopeLabel(latest.scope, provider),
              results: list.map((result) => this.resultDto(result, versions)),
            };
          }),
        };
      }),
    };
  }

  async burnRate(scope: ProviderScope, providerId: string, query: Pick<PeriodQuery, 'asOf'>): Promise<ProviderBurnRateDto> {
    const provider = await this.visibleProvider(scope, providerId);
    const asOf = query.asOf ?? this.today(provider);
    const [definitions, contracts, coverage] = await Promise.all([
      this.metrics.kpiDefinitions(),
      this.repository.loadContracts({ providerIds: [provider.id] }),
      this.rollups.coverage([provider.id]),
    ]);
    const lastDaily = coverage.get(provider.id)?.lastDailyDate ?? null;
    const dataThrough = lastDaily === null ? null : minIsoDate(lastDaily, addDays(asOf, -1));
    const items: Omit<ServiceLevelBurnDto, 'valueSoFar' | 'daysElapsed' | 'periodDays' | 'targetBurn' | 'minimumBurn'>[] = [];
    const plans: AttainmentPlan[] = [];
    for (const record of contracts) {
      const { versions, exclusions } = toDomainContract(record);
      const inForce = termsInForce(versions, asOf);
      for (const level of inForce?.serviceLevels ?? []) {
        const bucket = bucketOf(asOf, measurementPeriodGranularity(level.measurementPeriod));
        const judge = termsForPeriod(versions, { from: bucket.start, to: bucket.end });
        const terms = judge?.serviceLevels.find((candidate) => candidate.id === level.id) ?? level;
        const through = dataThrough === null ? null : minIsoDate(dataThrough, bucket.end);
        const usable = through !== null && compareIsoDates(through, bucket.start) >= 0;
        const plan = planAttainment({
          serviceLevel: terms,
          period: { from: bucket.start, to: usable ? (through as string) : bucket.start },
          exclusions,
          contractVersionId: judge?.id ?? inForce?.id ?? null,
        });
        plans.push(plan);
        items.push({
          contractId: record.id,
          contractName: record.name,
          serviceLevelId: terms.id,
          name: terms.name,
          kpiCode: terms.kpiCode,
          kind: terms.kind,
          measurementPeriod: terms.measurementPeriod,
          scopeLabel: scopeLabel(terms.scope, provider),
          period: { from: bucket.start, to: bucket.end },
          periodLabel: bucket.label,
          dataThrough: usable ? through : null,
          target: levelDto(terms.target),
          minimum: levelDto(terms.minimum),
          exclusionsApplied: plan.exclusionsApplied.map((exclusion) => ({ ...exclusion, siteIds: exclusion.siteIds ? [...exclusion.siteIds] : null })),
        });
      }
    }
    const measured = await this.measurePlans(
      plans.map((plan, index) => (items[index].dataThrough === null ? null : plan)),
      definitions,
    );
    return {
      providerId: provider.id,
      asOf,
      items: items.map((item, index) => {
        const plan = plans[index];
        const definition = definitions.get(plan.serviceLevel.kpiCode) as KpiDefinition;
        const components = measured[index];
        const burnFor = (level: SlaLevel) =>
          this.safeBurn(definition, level, { from: item.period.from, to: item.period.to }, item.dataThrough ?? addDays(item.period.from, -1), {
            numerator: components?.numerator ?? 0,
            denominator: components?.denominator ?? null,
          });
        const targetBurn = burnFor(plan.serviceLevel.target);
        const minimumBurn = burnFor(plan.serviceLevel.minimum);
        return {
          ...item,
          valueSoFar: components?.value ?? null,
          daysElapsed: targetBurn.daysElapsed,
          periodDays: targetBurn.periodDays,
          targetBurn: burnDto(targetBurn),
          minimumBurn: burnDto(minimumBurn),
        };
      }),
    };
  }

  async credits(scope: ProviderScope, providerId: string, query: PeriodQuery): Promise<ProviderCreditsDto> {
    const provider = await this.visibleProvider(scope, providerId);
    const window = this.monthWindow(provider, query, DEFAULT_SLA_MONTHS, 0);
    const definitions = await this.metrics.kpiDefinitions();
    const contracts = await this.repository.loadContracts({ providerIds: [provider.id] });
    const maxEarnBack = Math.max(
      0,
      ...contracts.flatMap((record) => record.versions.flatMap((version) => version.serviceLevels.map((level) => level.earnBackPeriods ?? 0))),
    );
    // The chronic-failure window before the first month, the earn-back periods after the last (quarters at most).
    const evaluationFrom = addMonths(`${window.from}-01`, -(CHRONIC_WINDOW_MONTHS - 1));
    const evaluationTo = minIsoDate(
      endOfMonth(addMonths(`${window.to}-01`, 3 * maxEarnBack)),
      endOfMonth(window.asOf),
    );
    const evaluated = await this.evaluate(contracts, definitions, evaluationFrom, evaluationTo, window.asOf);
    return {
      providerId: provider.id,
      asOf: window.asOf,
      from: window.from,
      to: window.to,
      contracts: evaluated.map(({ record, versions, results }) => ({
        contractId: record.id,
        contractName: record.name,
        months: monthsBetween(window.from, window.to).map((month): MonthlyCreditsDto => {
          const credits = computeMonthlyServiceCredits({ versions, attainments: results, month });
          const { period: _period, ...rest } = credits;
          return {
            ...rest,
            version: versions.find((version) => version.id === credits.contractVersionId)?.version ?? null,
            lines: credits.lines.map((line) => ({
              ...line,
              breachedPeriods: line.breachedPeriods.map((period) => ({ ...period, minimum: levelDto(period.minimum) })),
              earnBackPeriods: [...line.earnBackPeriods],
            })),
            chronicFailures: credits.chronicFailures.map((flag) => ({
              ...flag,
              breachedMonths: [...flag.breachedMonths],
              windowMonths: [...flag.windowMonths],
            })),
          };
        }),
      })),
    };
  }

  async scorecard(scope: ProviderScope, providerId: string, query: PeriodQuery): Promise<ProviderScorecardDto> {
    const provider = await this.visibleProvider(scope, providerId);
    const [scored] = await this.scorecards([provider], query);
    return scored.card;
  }

  async ranking(scope: ProviderScope, query: PeriodQuery): Promise<ScorecardRankingDto> {
    const providers = await this.repository.providers(scope);
    const scored = await this.scorecards(providers, query);
    const ranked = rankProviders(scored.map((entry) => entry.score));
    const byId = new Map(scored.map((entry) => [entry.card.providerId, entry.card]));
    const window = this.monthWindow(providers[0] ?? null, query, DEFAULT_SCORECARD_MONTHS, 1);
    const first = scored[0]?.card;
    return {
      from: first?.from ?? window.from,
      to: first?.to ?? window.to,
      asOf: first?.asOf ?? window.asOf,
      weights: await this.weights(),
      providers: ranked.map((entry) => ({
        ...(byId.get(entry.providerId) as ProviderScorecardDto),
        rank: entry.rank,
        tieBrokenBy: entry.tieBrokenBy,
      })),
    };
  }

  /**
   * The SLA status of each KPI of each visible provider "now": every service level in force is judged
   * (`judgeAttainment`) over its measurement period containing the provider's last data day, with data through
   * that day; a KPI measured by several service levels (one per site, say) gets the worst of them
   * (`worstAttainmentStatus`). Providers without data, and KPIs without a service level, are left out.
   */
  async latestKpiStatuses(scope: ProviderScope): Promise<Map<string, Map<string, KpiSlaStatus>>> {
    const providers = await this.repository.providers(scope);
    const ids = providers.map((provider) => provider.id);
    if (ids.length === 0) return new Map();
    const [definitions, contracts, coverage] = await Promise.all([
      this.metrics.kpiDefinitions(),
      this.repository.loadContracts({ providerIds: ids }),
      this.rollups.coverage(ids),
    ]);
    const out = new Map<string, Map<string, KpiSlaStatus>>();
    await Promise.all(
      providers.map(async (provider) => {
        const lastDaily = coverage.get(provider.id)?.lastDailyDate ?? null;
        const own = contracts.filter((record) => record.providerId === provider.id);
        if (lastDaily === null || own.length === 0) return;
        const evaluated = await this.evaluate(own, definitions, lastDaily, lastDaily, addDays(lastDaily, 1));
        const byKpi = new Map<string, KpiSlaStatus>();
        for (const result of evaluated.flatMap((entry) => entry.results)) {
          const candidate: KpiSlaStatus = {
            kpiCode: result.kpiCode,
            status: result.status,
            serviceLevelId: result.serviceLevelId,
            name: result.serviceLevelName,
            scopeLabel: scopeLabel(result.serviceLevel.scope, provider),
            periodLabel: result.periodLabel,
            value: result.value,
            target: levelDto(result.target),
            minimum: levelDto(result.minimum),
          };
          const current = byKpi.get(result.kpiCode);
          if (!current || worstAttainmentStatus([current.status, candidate.status]) !== current.status) {
            byKpi.set(result.kpiCode, candidate);
          }
        }
        out.set(provider.id, byKpi);
      }),
    );
    return out;
  }

  async weights(): Promise<ScorecardWeightsDto> {
    const row = await this.repository.scorecardWeights();
    return {
      sla_attainment: row.slaAttainment,
      qa_score: row.qaScore,
      escalation_responsiveness: row.escalationResponsiveness,
      data_timeliness: row.dataTimeliness,
      updatedAt: row.updatedAt.toISOString(),
      updatedBy: row.updatedByName,
    };
  }

  async updateWeights(input: ScorecardWeights, userId: string): Promise<ScorecardWeightsDto> {
    const validation = validateScorecardWeights(input);
    if (!validation.ok) {
      throw new BadRequestException(validation.issues.map((issue) => `${issue.field}: ${issue.message}`));
    }
    const current = await this.weights();
    const next = (key: keyof ScorecardWeights) => input[key] ?? current[key];
    const merged = validateScorecardWeights({
      sla_attainment: next('sla_attainment'),
      qa_score: next('qa_score'),
      escalation_responsiveness: next('escalation_responsiveness'),
      data_timeliness: next('data_timeliness'),
    });
    if (!merged.ok) throw new BadRequestException(merged.issues.map((issue) => `${issue.field}: ${issue.message}`));
    await this.repository.saveScorecardWeights({
      slaAttainment: next('sla_attainment'),
      qaScore: next('qa_score'),
      escalationResponsiveness: next('escalation_responsiveness'),
      dataTimeliness: next('data_timeliness'),
      updatedBy: userId,
      updatedAt: new Date(),
    });
    return this.weights();
  }

  /** Sites (or cities) of one provider side by side over whole months, per KPI. */
  async siteComparison(
    scope: ProviderScope,
    providerId: string,
    query: PeriodQuery & { by?: 'site' | 'city'; kpis?: string[] },
  ): Promise<SiteComparisonDto> {
    const provider = await this.visibleProvider(scope, providerId);
    const window = this.monthWindow(provider, query, DEFAULT_SCORECARD_MONTHS, 1);
    const by = query.by ?? 'site';
    const from = `${window.from}-01`;
    const to = minIsoDate(endOfMonth(`${window.to}-01`), addDays(window.asOf, -1));
    if (compareIsoDates(from, to) > 0) throw new BadRequestException('The months to compare have not started yet');
    const definitions = await this.metrics.kpiDefinitions();
    const asked = query.kpis ? [...new Set(query.kpis)] : [...definitions.keys()];
    const unknown = asked.filter((code) => !definitions.has(code));
    if (unknown.length > 0) throw new NotFoundException(`Unknown KPI "${unknown[0]}"`);
    const chosen = asked.map((code) => definitions.get(code) as KpiDefinition);
    const requests: ComponentRequest[] = chosen.map((definition) => ({
      kpiCode: definition.code,
      aggregation: definition.aggregation,
      providerIds: [provider.id],
      range: { from, to },
    }));
    const dimension = by === 'site' ? 'siteId' : 'city';
    const [overall, grouped] = await Promise.all([
      this.rollups.measure(requests),
      this.rollups.measure(requests, { groupBy: [dimension] }),
    ]);
    const columns =
      by === 'site'
        ? provider.sites.map((site) => ({ key: site.id, label: `${site.city} (${site.code})`, city: site.city }))
        : [...new Set(provider.sites.map((site) => site.city))].map((city) => ({ key: city, label: city, city }));
    const kept = chosen
      .map((definition, index) => ({ definition, index }))
      .filter(({ index }) => query.kpis !== undefined || overall[index].groups[0].components.observationCount > 0);
    const comparison = rankSiteComparison({
      from,
      to,
      sites: columns.map((column) => ({ siteId: column.key, city: column.city })),
      kpis: kept.map(({ definition, index }) => ({
        definition,
        overall: overall[index].groups[0].components.value,
        bySite: new Map(
          grouped[index].groups.map((group) => [group.group[dimension] as string, group.components]),
        ),
      })),
    });
    return {
      providerId: provider.id,
      from,
      to,
      by,
      columns,
      kpis: comparison.kpis.map((kpi) => ({
        kpiCode: kpi.kpiCode,
        name: kpi.name,
        overall: kpi.overall,
        cells: kpi.cells.map((cell) => ({
          key: cell.siteId,
          value: cell.value,
          numerator: cell.numerator,
          denominator: cell.denominator,
          observationCount: cell.observationCount,
          rank: cell.rank,
          vsOverall: cell.vsOverall,
        })),
      })),
    };
  }

  private async scorecards(providers: readonly ProviderInfo[], query: PeriodQuery): Promise<ScoredCard[]> {
    if (providers.length === 0) return [];
    const weightsDto = await this.weights();
    const weights = weightsOf(weightsDto);
    const definitions = await this.metrics.kpiDefinitions();
    const windows = new Map(providers.map((provider) => [provider.id, this.monthWindow(provider, query, DEFAULT_SCORECARD_MONTHS, 1)]));
    const contracts = await this.repository.loadContracts({ providerIds: providers.map((provider) => provider.id) });
    const qaDefinition = definitions.get(QA_KPI_CODE);
    const [coverage, restatements] = await Promise.all([
      this.rollups.coverage(providers.map((provider) => provider.id)),
      this.repository.restatementCounts(
        providers.map((provider) => provider.id),
        `${[...windows.values()].map((w) => w.from).sort()[0]}-01`,
        endOfMonth(`${[...windows.values()].map((w) => w.to).sort().reverse()[0]}-01`),
      ),
    ]);
    const cards: ScoredCard[] = [];
    // One evaluation per distinct window (all providers share it unless their time zones disagree on today).
    const byWindow = new Map<string, ProviderInfo[]>();
    for (const provider of providers) {
      const window = windows.get(provider.id) as MonthWindow;
      const key = JSON.stringify(window);
      byWindow.set(key, [...(byWindow.get(key) ?? []), provider]);
    }
    for (const [key, group] of byWindow) {
      const window = JSON.parse(key) as MonthWindow;
      const from = `${window.from}-01`;
      const to = endOfMonth(`${window.to}-01`);
      const ids = new Set(group.map((provider) => provider.id));
      const evaluated = await this.evaluate(
        contracts.filter((record) => ids.has(record.providerId)),
        definitions,
        from,
        to,
        window.asOf,
      );
      const qaThrough = minIsoDate(to, addDays(window.asOf, -1));
      // Escalations opened in the window up to the day before asOf, like the QA component.
      const escalationSource = this.escalationSource();
      const escalations: ReadonlyMap<string, EscalationResponsivenessCounts> | null = !escalationSource
        ? null
        : compareIsoDates(from, qaThrough) <= 0
          ? await escalationSource.countsFor(
              group.map((provider) => provider.id),
              from,
              qaThrough,
            )
          : new Map();
      const qa: RequestResult[] =
        qaDefinition && compareIsoDates(from, qaThrough) <= 0
          ? await this.rollups.measure(
              group.map((provider) => ({
                kpiCode: qaDefinition.code,
                aggregation: qaDefinition.aggregation,
                providerIds: [provider.id],
                range: { from, to: qaThrough },
              })),
            )
          : [];
      group.forEach((provider, index) => {
        const results = evaluated
          .filter((entry) => entry.record.providerId === provider.id)
          .flatMap((entry) => entry.results)
          .filter((result) => result.final && compareIsoDates(result.period.to, to) <= 0 && compareIsoDates(result.period.from, from) >= 0);
        const sla = scoreSlaAttainment(results);
        const evaluatedPeriods = results.filter((result) => result.status !== 'no_data');
        const met = evaluatedPeriods.filter((result) => result.status === 'met').length;
        const qaComponents = qa[index]?.groups[0]?.components ?? null;
        const qaScore = scoreRatio(qaComponents?.value ?? null);
        const lastDaily = coverage.get(provider.id)?.lastDailyDate ?? null;
        const lag = lastDaily === null ? null : Math.max(0, daysBetween(lastDaily, window.asOf));
        const restated = restatements.get(provider.id) ?? 0;
        const timeliness = scoreDataFreshness({ lagDays: lag, restatements: restated });
        const escalationCounts = escalations?.get(provider.id) ?? { escalations: 0, acknowledgedWithinTarget: 0 };
        const escalationScore =
          escalations === null
            ? null
            : scoreEscalationResponsiveness({
                withinTarget: escalationCounts.acknowledgedWithinTarget,
                total: escalationCounts.escalations,
              });
        const components: ScorecardComponentScores = {
          sla_attainment: sla,
          qa_score: qaScore,
          escalation_responsiveness: escalationScore,
          data_timeliness: timeliness,
        };
        const score = computeProviderScore({ providerId: provider.id, weights, components });
        const months = window.from === window.to ? window.from : `${window.from}..${window.to}`;
        const details: Record<string, string> = {
          sla_attainment:
            sla === null
              ? `No final service-level period in ${months}`
              : `${met} of ${evaluatedPeriods.length} final service-level periods met in ${months}`,
          qa_score:
            qaScore === null || !qaDefinition
              ? `No QA evaluations in ${months}`
              : `QA score ${formatKpiValue(qaDefinition, qaComponents?.value ?? null)} (points earned / possible, ${months})`,
          escalation_responsiveness:
            escalations === null
              ? 'Not measured: escalation tracking is not available. Its weight is shared by the other components.'
              : escalationScore === null
                ? `No escalations opened in ${from}..${qaThrough}; its weight is shared by the other components`
                : `${escalationCounts.acknowledgedWithinTarget} of ${escalationCounts.escalations} escalation(s) opened in ${from}..${qaThrough} acknowledged within the agreed time`,
          data_timeliness:
            lag === null
              ? 'No data received yet'
              : `Last data ${lastDaily}, ${lag} day(s) before ${window.asOf}; ${restated} restatement(s) in ${months}`,
        };
        cards.push({
          score,
          card: {
          providerId: provider.id,
          providerCode: provider.code,
          providerName: provider.name,
          from: window.from,
          to: window.to,
          asOf: window.asOf,
          score: score.score,
          components: score.components.map((component) => ({
            key: component.key,
            label: SCORECARD_COMPONENT_LABELS[component.key],
            score: component.score,
            weight: component.weight,
            effectiveWeight: component.effectiveWeight,
            contribution: component.contribution,
            detail: details[component.key],
          })),
          missing: [...score.missing],
          reweighted: score.reweighted,
          notes: [
            ...score.notes,
            ...(score.missing.includes('escalation_responsiveness')
              ? [
                  escalations === null
                    ? 'Escalation responsiveness is not measured; the score is re-weighted without it.'
                    : 'No escalations were opened in the period, so escalation responsiveness is not scored; the score is re-weighted without it.',
                ]
              : []),
          ],
          },
        });
      });
    }
    const order = new Map(providers.map((provider, index) => [provider.id, index]));
    return cards.sort((a, b) => (order.get(a.card.providerId) as number) - (order.get(b.card.providerId) as number));
  }

  /**
   * Judges every service level of the contracts over every measurement period overlapping `from..to`,
   * measuring all of them in one rollup query. Data after `asOf - 1` is not counted (an "as of" view).
   */
  private async evaluate(
    contracts: readonly ContractRecord[],
    definitions: ReadonlyMap<string, KpiDefinition>,
    from: IsoDate,
    to: IsoDate,
    asOf: IsoDate,
  ): Promise<EvaluatedContract[]> {
    const planned = contracts.map((record) => {
      const { versions, exclusions } = toDomainContract(record);
      const plans =
        compareIsoDates(from, to) <= 0 ? planServiceLevelEvaluations({ versions, exclusions, from, to }) : [];
      return { record, versions, plans };
    });
    const allPlans = planned.flatMap((entry) => entry.plans);
    const lastCounted = addDays(asOf, -1);
    const measured = await this.measurePlans(
      allPlans.map((plan) =>
        compareIsoDates(plan.period.from, lastCounted) > 0
          ? null
          : { ...plan, period: { from: plan.period.from, to: minIsoDate(plan.period.to, lastCounted) } },
      ),
      definitions,
    );
    let offset = 0;
    return planned.map(({ record, versions, plans }) => {
      const results = plans.map((plan, index) => {
        const definition = definitions.get(plan.serviceLevel.kpiCode);
        const components = measured[offset + index];
        if (!definition) throw new NotFoundException(`Unknown KPI "${plan.serviceLevel.kpiCode}"`);
        return judgeAttainment({
          plan,
          definition,
          measured: {
            value: components?.value ?? null,
            numerator: components?.numerator ?? 0,
            denominator: components?.denominator ?? null,
            observationCount: components?.observationCount ?? 0,
            excludedObservationCount: components?.excludedObservationCount ?? 0,
          },
          today: asOf,
        });
      });
      offset += plans.length;
      return { record, versions, results };
    });
  }

  /** The components of each plan's scope, period and exclusions (null plans are not measured). */
  private async measurePlans(
    plans: readonly (AttainmentPlan | null)[],
    definitions: ReadonlyMap<string, KpiDefinition>,
  ): Promise<(MeasuredComponents | null)[]> {
    const asked = plans
      .map((plan, index) => ({ plan, index }))
      .filter((entry): entry is { plan: AttainmentPlan; index: number } => entry.plan !== null);
    const requests: ComponentRequest[] = asked.map(({ plan }) => {
      const definition = definitions.get(plan.serviceLevel.kpiCode);
      if (!definition) throw new NotFoundException(`Unknown KPI "${plan.serviceLevel.kpiCode}"`);
      const { scope } = plan.serviceLevel;
      return {
        kpiCode: definition.code,
        aggregation: definition.aggregation,
        providerIds: [scope.providerId],
        siteIds: scope.siteId ? [scope.siteId] : null,
        serviceLines: scope.serviceLine ? [scope.serviceLine] : null,
        queues: scope.queue ? [scope.queue] : null,
        range: plan.period,
        exclusions: plan.rollupExclusions,
      };
    });
    const results = await this.rollups.measure(requests);
    const out: (MeasuredComponents | null)[] = plans.map(() => null);
    asked.forEach(({ index }, position) => {
      const group = results[position].groups[0];
      out[index] = {
        ...group.components,
        excludedObservationCount: results[position].excludedObservationCount,
      };
    });
    return out;
  }

  private safeBurn(
    definition: KpiDefinition,
    level: SlaLevel,
    period: { from: IsoDate; to: IsoDate },
    asOf: IsoDate,
    components: { numerator: number; denominator: number | null },
  ): BurnRateResult {
    try {
      return computeBurnRate({
        definition,
        target: isBandLevel(level) ? 0 : level,
        period,
        asOf,
        components,
      });
    } catch (error) {
      const base = computeBurnRate({
        definition: { ...definition, direction: 'target_band' },
        target: 0,
        period,
        asOf,
        components,
      });
      return { ...base, explanation: `${definition.code}: ${(error as Error).message}` };
    }
  }

  private resultDto(result: AttainmentResult, versions: readonly SlaContractVersion[]): AttainmentResultDto {
    return {
      serviceLevelId: result.serviceLevelId,
      contractVersionId: result.contractVersionId,
      version: versions.find((version) => version.id === result.contractVersionId)?.version ?? null,
      period: { ...result.period },
      periodLabel: result.periodLabel,
      month: monthKeyOf(result.period.to),
      final: result.final,
      status: result.status,
      value: result.value,
      target: levelDto(result.target),
      minimum: levelDto(result.minimum),
      margin: result.margin,
      marginToMinimum: result.marginToMinimum,
      numerator: result.numerator,
      denominator: result.denominator,
      observationCount: result.observationCount,
      excludedObservationCount: result.excludedObservationCount,
      exclusionsApplied: result.exclusionsApplied.map((exclusion) => ({
        ...exclusion,
        siteIds: exclusion.siteIds ? [...exclusion.siteIds] : null,
      })),
      exclusionsIgnored: result.exclusionsIgnored.map((ignored) => ({ ...ignored })),
    };
  }

  private async visibleProvider(scope: ProviderScope, providerId: string): Promise<ProviderInfo> {
    scope.assertVisible(providerId);
    const [provider] = await this.repository.providers(scope, [providerId]);
    if (!provider) throw new NotFoundException('Provider not found');
    return provider;
  }

  private today(provider: Pick<ProviderInfo, 'timeZone'> | null): IsoDate {
    return localToday(this.clock.now(), provider?.timeZone ?? 'America/Mexico_City');
  }

  /**
   * The months to show: `from..to` when given, else the `count` months ending `monthsBack` months before
   * the month of `asOf` (0 = the current month).
   */
  private monthWindow(provider: Pick<ProviderInfo, 'timeZone'> | null, query: PeriodQuery, count: number, monthsBack: number): MonthWindow {
    const asOf = query.asOf ?? this.today(provider);
    const to = query.to ?? monthKeyOf(addMonths(asOf, -monthsBack));
    const from = query.from ?? monthKeyOf(addMonths(`${to}-01`, -(count - 1)));
    if (from > to) throw new BadRequestException('from must not be after to');
    if (monthsBetween(from, to).length > MAX_SLA_MONTHS) {
      throw new BadRequestException(`At most ${MAX_SLA_MONTHS} months at once`);
    }
    return { from, to, asOf };
  }
}

/** Display order of a service level: its position in the latest version that has it. */
function positionOf(record: ContractRecord, serviceLevelId: string): number {
  for (const version of [...record.versions].reverse()) {
    const level = version.serviceLevels.find((candidate) => candidate.serviceLevelId === serviceLevelId);
    if (level) return level.position;
  }
  return Number.MAX_SAFE_INTEGER;
}

function weightsOf(weights: ScorecardWeightsDto): ScorecardWeights {
  return {
    sla_attainment: weights.sla_attainment,
    qa_score: weights.qa_score,
    escalation_responsiveness: weights.escalation_responsiveness,
    data_timeliness: weights.data_timeliness,
  };
}
