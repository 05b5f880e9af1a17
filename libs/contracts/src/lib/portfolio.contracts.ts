import type { AttainmentStatus, ChangeDirection, ChangeJudgement } from '@kpi/domain';
import type { StaleFeedSummaryDto } from './providers.contracts';
import type { SlaLevelDto } from './sla.contracts';

/**
 * One provider x KPI cell of the portfolio heatmap.
 *
 * `status` is the SLA module's attainment status (`classifyAttainment` via `judgeAttainment`): each service
 * level of the provider that measures this KPI is judged over its latest measurement period to date (the
 * period containing the provider's last data day, data through that day), and the cell shows the worst of
 * them (breached > at_risk > met); `no_data` when no service level could be measured, or the KPI has none.
 */
export interface PortfolioHeatmapCellDto {
  kpiCode: string;
  /** Latest 7 days with data (provider-wide rollup), and the 7 days before. */
  value: number | null;
  previousValue: number | null;
  from: string | null;
  to: string | null;
  trend: ChangeDirection | null;
  /** Whether the change is good or bad for this KPI (by its direction; band KPIs by distance to the band). */
  trendJudgement: ChangeJudgement;
  /** Relative size of the change for the worse (0.1 = 10 % worse), 0 when not worse, null without both values. */
  badness: number | null;
  status: AttainmentStatus;
  /** False when no service level of the provider measures this KPI (status is then no_data). */
  hasServiceLevel: boolean;
  /** The service level that decided the status (the worst one). */
  serviceLevel: PortfolioServiceLevelDto | null;
}

export interface PortfolioServiceLevelDto {
  serviceLevelId: string;
  name: string;
  scopeLabel: string;
  periodLabel: string;
  /** The value of the service level's own scope and period to date. */
  value: number | null;
  target: SlaLevelDto;
  minimum: SlaLevelDto;
}

export interface PortfolioHeatmapRowDto {
  providerId: string;
  providerCode: string;
  providerName: string;
  lastDataDate: string | null;
  staleFeeds: StaleFeedSummaryDto[];
  cells: PortfolioHeatmapCellDto[];
}

export interface PortfolioCountsDto {
  /** Escalations not closed or resolved (GET /api/escalations, status active). */
  openEscalations: number;
  /** Drift events with status open (GET /api/drift/events?status=open). */
  openDriftEvents: number;
  /** Feeds that missed their cadence (GET /api/ingestion/stale-feeds). */
  staleFeeds: number;
}

export interface PortfolioRankingRowDto {
  providerId: string;
  providerCode: string;
  providerName: string;
  score: number | null;
  rank: number;
  previousScore: number | null;
  previousRank: number | null;
  /** score - previousScore, null when either is missing. */
  scoreChange: number | null;
}

export interface PortfolioScorecardRankingDto {
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
  providers: PortfolioRankingRowDto[];
}

export interface PortfolioWorstChangeDto {
  providerId: string;
  providerCode: string;
  providerName: string;
  kpiCode: string;
  value: number | null;
  previousValue: number | null;
  badness: number;
  status: AttainmentStatus;
}

export interface PortfolioOverviewDto {
  /** The KPI columns: every KPI that one of the providers has a service level for or data of, in catalog order. */
  kpiCodes: string[];
  heatmap: PortfolioHeatmapRowDto[];
  counts: PortfolioCountsDto;
  ranking: PortfolioScorecardRankingDto;
  worstChanges: PortfolioWorstChangeDto[];
}
