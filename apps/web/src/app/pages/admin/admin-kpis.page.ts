import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import type { CustomKpiRequest, KpiDefinitionDto } from '@kpi/contracts';
import { SERVICE_LINES } from '@kpi/domain';
import { KpisApi, KpisStore, toApiError } from '@kpi/web-data-access';
import { EmptyStateComponent, ErrorPanelComponent, LoadingIndicatorComponent } from '@kpi/web-ui';
import { AdminTabsComponent } from './admin-tabs.component';
import { CustomKpiFormComponent } from './kpi-form.component';

const AGGREGATION_LABELS: Record<string, string> = {
  ratio_of_sums: 'sum / sum',
  sum: 'sum',
  stock: 'period-end stock',
  sum_over_mean_stock: 'sum / mean stock',
  net_share: 'net share',
};

/** Admins only: the KPI catalog; built-in KPIs are read-only, custom ones are defined, edited and deleted here. */
@Component({
  selector: 'kpi-admin-kpis-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AdminTabsComponent, CustomKpiFormComponent, EmptyStateComponent, ErrorPanelComponent, LoadingIndicatorComponent],
  templateUrl: './admin-kpis.page.html',
})
export class AdminKpisPage implements OnInit {
  protected readonly store = inject(KpisStore);
  private readonly api = inject(KpisApi);

  protected readonly editing = signal<KpiDefinitionDto | 'new' | null>(null);
  protected readonly saving = signal(false);
  protected readonly serverError = signal<string | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly customCodes = computed(() => this.store.definitions().filter((kpi) => !kpi.builtIn).map((kpi) => kpi.code));
  protected readonly rows = computed(() =>
    [...this.store.definitions()]
      .sort((a, b) => Number(a.builtIn) - Number(b.builtIn) || a.name.localeCompare(b.name))
      .map((kpi) => ({
        kpi,
        aggregation: AGGREGATION_LABELS[kpi.aggregation] ?? kpi.aggregation,
        direction: kpi.direction === 'higher_is_better' ? 'higher' : kpi.direction === 'lower_is_better' ? 'lower' : 'inside band',
        lines: kpi.serviceLines.map((code) => SERVICE_LINES.find((line) => line.code === code)?.name ?? code).join(', '),
      })),
  );

  ngOnInit(): void {
    this.store.reload();
  }

  protected edit(kpi: KpiDefinitionDto | 'new'): void {
    this.serverError.set(null);
    this.notice.set(null);
    this.editing.set(kpi);
  }

  protected cancel(): void {
    this.editing.set(null);
  }

  protected save(request: CustomKpiRequest): void {
    const editing = this.editing();
    this.saving.set(true);
    this.serverError.set(null);
    const { code, kind: _kind, ...update } = request;
    const call = editing === 'new' || editing === null ? this.api.create(request) : this.api.update(code, update);
    call.subscribe({
      next: (kpi) => {
        this.saving.set(false);
        this.editing.set(null);
        this.notice.set(`KPI "${kpi.name}" saved.`);
        this.store.reload();
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.serverError.set(toApiError(error).message);
      },
    });
  }

  protected remove(kpi: KpiDefinitionDto): void {
    if (!confirm(`Delete the KPI "${kpi.name}"?`)) return;
    this.api.remove(kpi.code).subscribe({
      next: () => {
        this.notice.set(`KPI "${kpi.name}" deleted.`);
        this.store.reload();
      },
      error: (error: unknown) => this.notice.set(toApiError(error).message),
    });
  }
}
