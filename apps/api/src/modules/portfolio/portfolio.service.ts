import { Injectable } from '@nestjs/common';
import type {
  PortfolioCountsDto,
  PortfolioHeatmapCellDto,
  PortfolioHeatmapRowDto,
  PortfolioOverviewDto,
  PortfolioScorecardRankingDto,
  ProviderSummaryDto,
} from '@kpi/contracts';
import { KpiDefinition, addMonths, describeKpiChange, isBandLevel, monthKeyOf, worstChanges } from '@kpi/domain';
import { AuthenticatedUser } from '../auth/authenticated-user';
import { ProviderScope } from '../auth/provider-scope';
import { DriftService } from '../drift/drift.service';
import { EscalationsService } from '../escalations/escalations.service';
import { FeedFreshnessService } from '../ingestion/feed-freshness.service';
import { MetricsService } from '../metrics/metrics.service';
import { ProvidersService } from '../providers/providers.service';
import { KpiSlaStatus, SlaPerformanceService } from '../sla/sla-performance.service';
import { WORST_CHANGES_LIMIT } from './portfolio.constants';

/**
 * The account manager's morning view, composed from the other modules (nothing is computed twice): latest
 * KPI windows (providers), SLA status (sla: `judgeAttainment`), scorecards (sla), open escalations, open drift
 * events and stale feeds.
 */
@Injectable()
export class PortfolioService {
  constructor(
    private readonly providers: ProvidersService,
    private readonly metrics: MetricsService,
    private readonly sla: SlaPerformanceService,
    private readonly escalations: EscalationsService,
    private readonly drift: DriftService,
    private readonly freshness: FeedFreshnessService,
  ) {}

  async overview(user: AuthenticatedUser, scope: ProviderScope): Promise<PortfolioOverviewDto> {
    const [providers, definitions, statuses, counts, ranking] = await Promise.all([
      this.providers.list(scope),
      this.metrics.kpiDefinitions(),
      this.sla.latestKpiStatuses(scope),
      this.counts(user, scope),
      this.ranking(scope),
    ]);
    const kpiCodes = [...definitions.keys()].filter((code) =>
      providers.some((provider) => statuses.get(provider.id)?.has(code) || provider.latest.some((s) => s.kpiCode === code)),
    );
    const heatmap = providers.map((provider) =>
      heatmapRow(provider, kpiCodes, definitions, statuses.get(provider.id) ?? new Map()),
    );
    const cells = heatmap.flatMap((row) =>
      row.cells.map((cell) => ({ row, cell, change: { judgement: cell.trendJudgement, badness: cell.badness, direction: cell.trend } })),
    );
    return {
      kpiCodes,
      heatmap,
      counts,
      ranking,
      worstChanges: worstChanges(cells, WORST_CHANGES_LIMIT).map(({ row, cell }) => ({
        providerId: row.providerId,
        providerCode: row.providerCode,
        providerName: row.providerName,
        kpiCode: cell.kpiCode,
        value: cell.value,
        previousValue: cell.previousValue,
        badness: cell.badness as number,
        status: cell.status,
      })),
    };
  }

  private async counts(user: AuthenticatedUser, scope: ProviderScope): Promise<PortfolioCountsDto> {
    const [escalations, drift, stale] = await Promise.all([
      this.escalations.list(user, { status: 'active', limit: 1 }),
      this.drift.listEvents(scope, { status: 'open', limit: 1 }),
      this.freshness.staleFeeds(scope),
    ]);
    return { openEscalations: escalations.total, openDriftEvents: drift.total, staleFeeds: stale.length };
  }

  /** The scorecard ranking of the default scorecard window, with each provider's score in the window before. */
  private async ranking(scope: ProviderScope): Promise<PortfolioScorecardRankingDto> {
    const current = await this.sla.ranking(scope, {});
    const months = monthSpan(current.from, current.to);
    const previousFrom = monthKeyOf(addMonths(`${current.from}-01`, -months));
    const previousTo = monthKeyOf(addMonths(`${current.to}-01`, -months));
    const previous = await this.sla.ranking(scope, { from: previousFrom, to: previousTo, asOf: current.asOf });
    const before = new Map(previous.providers.map((entry) => [entry.providerId, entry]));
    return {
      from: current.from,
      to: current.to,
      previousFrom,
      previousTo,
      providers: current.providers.map((entry) => {
        const earlier = before.get(entry.providerId);
        const previousScore = earlier?.score ?? null;
        return {
          providerId: entry.providerId,
          providerCode: entry.providerCode,
          providerName: entry.providerName,
          score: entry.score,
          rank: entry.rank,
          previousScore,
          previousRank: earlier?.rank ?? null,
          scoreChange: entry.score === null || previousScore === null ? null : entry.score - previousScore,
        };
      }),
    };
  }
}

function heatmapRow(
  provider: ProviderSummaryDto,
  kpiCodes: readonly string[],
  definitions: ReadonlyMap<string, KpiDefinition>,
  statuses: ReadonlyMap<string, KpiSlaStatus>,
): PortfolioHeatmapRowDto {
  return {
    providerId: provider.id,
    providerCode: provider.code,
    providerName: provider.name,
    lastDataDate: provider.lastDataDate,
    staleFeeds: provider.staleFeeds ?? [],
    cells: kpiCodes.map((kpiCode): PortfolioHeatmapCellDto => {
      const snapshot = provider.latest.find((entry) => entry.kpiCode === kpiCode);
      const sla = statuses.get(kpiCode) ?? null;
      const value = snapshot?.value ?? null;
      const previousValue = snapshot?.previousValue ?? null;
      const targetBand = sla && isBandLevel(sla.target) ? sla.target : null;
      const change = describeKpiChange(definitions.get(kpiCode) as KpiDefinition, previousValue, value, targetBand);
      return {
        kpiCode,
        value,
        previousValue,
        from: snapshot?.from ?? null,
        to: snapshot?.to ?? null,
        trend: change.direction,
        trendJudgement: change.judgement,
        badness: change.badness,
        status: sla?.status ?? 'no_data',
        hasServiceLevel: sla !== null,
        serviceLevel: sla
          ? {
              serviceLevelId: sla.serviceLevelId,
              name: sla.name,
              scopeLabel: sla.scopeLabel,
              periodLabel: sla.periodLabel,
              value: sla.value,
              target: sla.target,
              minimum: sla.minimum,
            }
          : null,
      };
    }),
  };
}

/** Number of months in `from..to` (yyyy-mm, inclusive). */
function monthSpan(from: string, to: string): number {
  const [fromYear, fromMonth] = from.split('-').map(Number);
  const [toYear, toMonth] = to.split('-').map(Number);
  return (toYear - fromYear) * 12 + (toMonth - fromMonth) + 1;
}
