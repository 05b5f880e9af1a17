import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { KpisStore, ProviderSlaStore } from '@kpi/web-data-access';
import {
  EmptyStateComponent,
  ErrorPanelComponent,
  formatIsoDate,
  formatMonth,
  KpiDisplay,
  LoadingIndicatorComponent,
  ScorecardComponent,
  SiteComparisonComponent,
  SlaAttainmentTableComponent,
  SlaBurnRateComponent,
  SlaCreditsComponent,
  Translator,
} from '@kpi/web-ui';

/**
 * The SLA part of a provider's page: attainment of each service level by month, the burn rate of the open
 * period, service credits with their calculation, the scorecard and the sites side by side.
 */
@Component({
  selector: 'kpi-provider-sla',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    TranslocoPipe,
    EmptyStateComponent,
    ErrorPanelComponent,
    LoadingIndicatorComponent,
    ScorecardComponent,
    SiteComparisonComponent,
    SlaAttainmentTableComponent,
    SlaBurnRateComponent,
    SlaCreditsComponent,
  ],
  providers: [ProviderSlaStore],
  templateUrl: './provider-sla.component.html',
  styleUrl: './provider-sla.component.css',
})
export class ProviderSlaComponent {
  protected readonly sla = inject(ProviderSlaStore);
  private readonly kpis = inject(KpisStore);
  private readonly translator = inject(Translator);

  readonly providerId = input.required<string>();

  /** Reads the catalog signal, so tables re-render once custom KPIs are known. */
  protected readonly kpiFor = computed(() => {
    this.kpis.definitions();
    return (code: string): KpiDisplay => this.kpis.definitionFor(code);
  });
  protected readonly attainmentRange = computed(() => {
    const data = this.sla.attainment();
    return data
      ? this.translator.t('provider.sla.attainmentRange', { from: formatMonth(data.from), to: formatMonth(data.to), date: formatIsoDate(data.asOf) })
      : '';
  });
  protected readonly hasContracts = computed(() => (this.sla.attainment()?.contracts.length ?? 0) > 0);
  protected readonly totalOwed = computed(() => {
    const credits = this.sla.credits();
    if (!credits) return null;
    const totals = new Map<string, number>();
    for (const contract of credits.contracts) {
      for (const month of contract.months) {
        if (month.currency && month.totalPayable > 0) totals.set(month.currency, (totals.get(month.currency) ?? 0) + month.totalPayable);
      }
    }
    return [...totals.entries()];
  });
  protected readonly formatMonth = formatMonth;

  constructor() {
    this.kpis.ensureLoaded();
    effect(() => {
      const id = this.providerId();
      untracked(() => this.sla.open(id));
    });
  }

  protected onCompareBy(event: Event): void {
    this.sla.compareBy((event.target as HTMLSelectElement).value as 'site' | 'city');
  }

  protected money(amount: number, currency: string): string {
    return `${currency} ${new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount)}`;
  }
}
