import { ChangeDetectionStrategy, Component, computed, inject, OnInit } from '@angular/core';
import { RouterLink } from '@angular/router';
import { ProviderSummaryDto, StaleFeedSummaryDto } from '@kpi/contracts';
import { KpiDisplayDefinition, KpisStore, ProvidersStore } from '@kpi/web-data-access';
import {
  daysSinceIsoDate,
  EmptyStateComponent,
  ErrorPanelComponent,
  formatIsoDate,
  KpiValueComponent,
  LoadingIndicatorComponent,
  StaleDataBadgeComponent,
} from '@kpi/web-ui';
import { STALE_DATA_DAYS } from './portfolio.constants';

interface ProviderCardKpi {
  readonly code: string;
  readonly definition: KpiDisplayDefinition;
  readonly value: number | null;
  readonly previousValue: number | null;
}

interface ProviderCard {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly cities: readonly string[];
  readonly lastDataDate: string;
  readonly staleDays: number | null;
  /** Feeds that missed their expected cadence ("Stale data" badge). */
  readonly staleFeeds: readonly StaleFeedSummaryDto[];
  readonly window: string | null;
  readonly kpis: readonly ProviderCardKpi[];
}

/** The landing page: one card per provider the user may see, with its latest KPI values against the window before. */
@Component({
  selector: 'kpi-portfolio-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, KpiValueComponent, EmptyStateComponent, ErrorPanelComponent, LoadingIndicatorComponent, StaleDataBadgeComponent],
  templateUrl: './portfolio.page.html',
  styleUrl: './portfolio.page.css',
})
export class PortfolioPage implements OnInit {
  private readonly providersStore = inject(ProvidersStore);
  private readonly kpis = inject(KpisStore);

  protected readonly status = this.providersStore.status;
  protected readonly error = this.providersStore.error;
  protected readonly cards = computed(() => this.providersStore.providers().map((provider) => this.toCard(provider)));

  ngOnInit(): void {
    this.kpis.ensureLoaded();
    this.reload();
  }

  protected reload(): void {
    this.providersStore.load();
  }

  private toCard(provider: ProviderSummaryDto): ProviderCard {
    const days = daysSinceIsoDate(provider.lastDataDate, new Date());
    const first = provider.latest[0];
    return {
      id: provider.id,
      code: provider.code,
      name: provider.name,
      cities: [...new Set(provider.sites.map((site) => site.city))],
      lastDataDate: formatIsoDate(provider.lastDataDate, 'No data received yet'),
      staleDays: days !== null && days >= STALE_DATA_DAYS ? days : null,
      staleFeeds: provider.staleFeeds ?? [],
      window: first ? `${formatIsoDate(first.from)} – ${formatIsoDate(first.to)}` : null,
      kpis: provider.latest.map((snapshot) => ({
        code: snapshot.kpiCode,
        definition: this.kpis.definitionFor(snapshot.kpiCode),
        value: snapshot.value,
        previousValue: snapshot.previousValue,
      })),
    };
  }
}
