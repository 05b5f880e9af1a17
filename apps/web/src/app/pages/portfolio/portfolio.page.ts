import { ChangeDetectionStrategy, Component, computed, inject, OnInit } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  PortfolioHeatmapCellDto,
  PortfolioHeatmapRowDto,
  PortfolioRankingRowDto,
  PortfolioWorstChangeDto,
  StaleFeedSummaryDto,
} from '@kpi/contracts';
import { attainmentSeverity, AttainmentStatus, ChangeDirection, formatKpiValue } from '@kpi/domain';
import { KpiDisplayDefinition, KpisStore, PortfolioStore } from '@kpi/web-data-access';
import {
  CsvExportComponent,
  daysSinceIsoDate,
  EmptyStateComponent,
  ErrorPanelComponent,
  formatIsoDate,
  formatMonth,
  formatSlaLevel,
  KPI_CHANGE_ARROWS,
  LoadingIndicatorComponent,
  SortableTable,
  SortHeaderComponent,
  StaleDataBadgeComponent,
  Translator,
} from '@kpi/web-ui';
import { PORTFOLIO_STATUS_ICONS, STALE_DATA_DAYS } from './portfolio.constants';

interface HeatmapCellView {
  readonly kpiCode: string;
  readonly testId: string;
  readonly status: AttainmentStatus;
  readonly statusLabel: string;
  readonly icon: string;
  readonly valueText: string;
  readonly arrow: string;
  readonly trendJudgement: string;
  readonly spokenTrend: string | null;
  readonly title: string;
  readonly ariaLabel: string;
}

interface HeatmapRowView {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly lastData: string;
  readonly staleDays: number | null;
  readonly staleFeeds: readonly StaleFeedSummaryDto[];
  readonly cells: readonly HeatmapCellView[];
}

interface WorstChangeRow extends PortfolioWorstChangeDto {
  readonly kpiName: string;
  readonly valueText: string;
  readonly previousText: string;
  readonly changeText: string;
  readonly statusLabel: string;
}

/**
 * The landing page: for the user's providers, a provider x KPI heatmap by SLA status with the latest values and
 * trends, counts of open escalations / drift events / stale feeds, the scorecard ranking and the worst changes
 * since last week, all from GET /api/portfolio/overview.
 */
@Component({
  selector: 'kpi-portfolio-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    TranslocoPipe,
    CsvExportComponent,
    SortHeaderComponent,
    EmptyStateComponent,
    ErrorPanelComponent,
    LoadingIndicatorComponent,
    StaleDataBadgeComponent,
  ],
  templateUrl: './portfolio.page.html',
  styleUrl: './portfolio.page.css',
})
export class PortfolioPage implements OnInit {
  private readonly store = inject(PortfolioStore);
  private readonly kpis = inject(KpisStore);
  private readonly translator = inject(Translator);

  protected readonly status = this.store.status;
  protected readonly error = this.store.error;
  protected readonly overview = this.store.overview;
  protected readonly counts = computed(() => this.overview()?.counts ?? null);
  protected readonly statuses: readonly AttainmentStatus[] = ['met', 'at_risk', 'breached', 'no_data'];
  protected readonly icons = PORTFOLIO_STATUS_ICONS;

  protected readonly columns = computed(() =>
    (this.overview()?.kpiCodes ?? []).map((code) => ({ code, definition: this.kpis.definitionFor(code) })),
  );
  protected readonly rows = computed(() => this.store.heatmap().map((row) => this.toRowView(row)));

  protected readonly rankingPeriod = computed(() => {
    const ranking = this.overview()?.ranking;
    if (!ranking) return null;
    return this.translator.t('portfolio.ranking.lead', {
      from: formatMonth(ranking.from),
      to: formatMonth(ranking.to),
      previousFrom: formatMonth(ranking.previousFrom),
      previousTo: formatMonth(ranking.previousTo),
    });
  });
  private readonly rankingRows = computed<readonly PortfolioRankingRowDto[]>(() => this.overview()?.ranking.providers ?? []);
  protected readonly ranking = new SortableTable<PortfolioRankingRowDto>(
    [
      { key: 'rank', header: () => this.translator.t('portfolio.ranking.columns.rank'), value: (row) => row.rank },
      { key: 'provider', header: () => this.translator.t('portfolio.ranking.columns.provider'), value: (row) => row.providerName },
      { key: 'score', header: () => this.translator.t('portfolio.ranking.columns.score'), value: (row) => roundScore(row.score) },
      {
        key: 'previousScore',
        header: () => this.translator.t('portfolio.ranking.columns.previousScore'),
        value: (row) => roundScore(row.previousScore),
      },
      { key: 'change', header: () => this.translator.t('portfolio.ranking.columns.change'), value: (row) => roundScore(row.scoreChange) },
    ],
    this.rankingRows,
    { key: 'rank', direction: 'asc' },
  );

  private readonly worstRows = computed<readonly WorstChangeRow[]>(() =>
    (this.overview()?.worstChanges ?? []).map((change) => {
      const definition = this.kpis.definitionFor(change.kpiCode);
      return {
        ...change,
        kpiName: definition.name,
        valueText: formatKpiValue(definition, change.value),
        previousText: formatKpiValue(definition, change.previousValue),
        changeText: `${(change.badness * 100).toFixed(1)} %`,
        statusLabel: this.translator.t('portfolio.status.' + change.status),
      };
    }),
  );
  protected readonly worstChanges = new SortableTable<WorstChangeRow>(
    [
      { key: 'provider', header: () => this.translator.t('portfolio.worstChanges.columns.provider'), value: (row) => row.providerName },
      { key: 'kpi', header: () => this.translator.t('portfolio.worstChanges.columns.kpi'), value: (row) => row.kpiName },
      {
        key: 'previousValue',
        header: () => this.translator.t('portfolio.worstChanges.columns.previousValue'),
        value: (row) => row.previousText,
        sortValue: (row) => row.previousValue,
      },
      {
        key: 'value',
        header: () => this.translator.t('portfolio.worstChanges.columns.value'),
        value: (row) => row.valueText,
        sortValue: (row) => row.value,
      },
      {
        key: 'change',
        header: () => this.translator.t('portfolio.worstChanges.columns.change'),
        value: (row) => row.changeText,
        sortValue: (row) => row.badness,
      },
      {
        key: 'status',
        header: () => this.translator.t('portfolio.worstChanges.columns.status'),
        value: (row) => row.statusLabel,
        sortValue: (row) => attainmentSeverity(row.status),
      },
    ],
    this.worstRows,
    { key: 'change', direction: 'desc' },
  );

  ngOnInit(): void {
    this.kpis.ensureLoaded();
    this.store.load();
  }

  /** Fetches the overview again (retry, live updates); the current one stays on screen meanwhile. */
  reload(): void {
    this.store.reload();
  }

  protected formatScore(score: number | null): string {
    return score === null ? '–' : score.toFixed(1);
  }

  protected formatScoreChange(change: number | null): string {
    if (change === null) return '–';
    const rounded = roundScore(change) as number;
    return rounded === 0 ? '±0.0' : `${rounded > 0 ? '+' : '−'}${Math.abs(rounded).toFixed(1)}`;
  }

  private toRowView(row: PortfolioHeatmapRowDto): HeatmapRowView {
    const days = daysSinceIsoDate(row.lastDataDate, new Date());
    return {
      id: row.providerId,
      code: row.providerCode,
      name: row.providerName,
      lastData: row.lastDataDate
        ? this.translator.t('portfolio.heatmap.lastData', { date: formatIsoDate(row.lastDataDate) })
        : this.translator.t('portfolio.heatmap.noDataYet'),
      staleDays: days !== null && days >= STALE_DATA_DAYS ? days : null,
      staleFeeds: row.staleFeeds,
      cells: row.cells.map((cell) => this.toCellView(row, cell)),
    };
  }

  private toCellView(row: PortfolioHeatmapRowDto, cell: PortfolioHeatmapCellDto): HeatmapCellView {
    const t = (key: string, params?: Record<string, unknown>) => this.translator.t(key, params);
    const definition = this.kpis.definitionFor(cell.kpiCode);
    const statusLabel = t('portfolio.status.' + cell.status);
    const valueText = formatKpiValue(definition, cell.value);
    const spokenTrend = cell.trend
      ? t('portfolio.trend.spoken', {
          direction: t('portfolio.trend.' + cell.trend),
          previous: formatKpiValue(definition, cell.previousValue),
          judgement: t('portfolio.trend.judgement.' + cell.trendJudgement),
        })
      : null;
    return {
      kpiCode: cell.kpiCode,
      testId: `heatmap-cell-${row.providerCode}-${cell.kpiCode}`,
      status: cell.status,
      statusLabel,
      icon: PORTFOLIO_STATUS_ICONS[cell.status],
      valueText,
      arrow: cell.trend ? KPI_CHANGE_ARROWS[cell.trend as ChangeDirection] : '',
      trendJudgement: cell.trendJudgement,
      spokenTrend,
      title: this.targetText(definition, cell),
      ariaLabel: t('portfolio.heatmap.cellLabel', { kpi: definition.name, provider: row.providerName, status: statusLabel, value: valueText }),
    };
  }

  private targetText(definition: KpiDisplayDefinition, cell: PortfolioHeatmapCellDto): string {
    const level = cell.serviceLevel;
    if (!level) return this.translator.t('portfolio.heatmap.noServiceLevel');
    return this.translator.t('portfolio.heatmap.target', {
      target: formatSlaLevel(definition, level.target),
      minimum: formatSlaLevel(definition, level.minimum),
      serviceLevel: level.scopeLabel ? `${level.name} · ${level.scopeLabel}` : level.name,
      period: /^\d{4}-\d{2}$/.test(level.periodLabel) ? formatMonth(level.periodLabel) : level.periodLabel,
      value: formatKpiValue(definition, level.value),
    });
  }
}

function roundScore(score: number | null): number | null {
  return score === null ? null : Math.round(score * 10) / 10;
}
