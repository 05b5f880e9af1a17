import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { CustomKpiRequest, KpiDefinitionDto } from '@kpi/contracts';
import { SERVICE_LINES } from '@kpi/domain';
import { KpisApi, KpisStore, toApiError } from '@kpi/web-data-access';
import {
  CsvExportComponent,
  EmptyStateComponent,
  ErrorPanelComponent,
  LoadingIndicatorComponent,
  SortableTable,
  SortHeaderComponent,
  Translate,
  Translator,
} from '@kpi/web-ui';
import { AdminTabsComponent } from './admin-tabs.component';
import { CustomKpiFormComponent } from './kpi-form.component';

/** Aggregations with a label under `admin.kpis.aggregation`. */
const AGGREGATIONS = new Set(['ratio_of_sums', 'sum', 'stock', 'sum_over_mean_stock', 'net_share']);

interface CatalogRow {
  readonly kpi: KpiDefinitionDto;
  readonly aggregation: string;
  readonly direction: string;
  readonly lines: string;
}

/** Admins only: the KPI catalog; built-in KPIs are read-only, custom ones are defined, edited and deleted here. */
@Component({
  selector: 'kpi-admin-kpis-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AdminTabsComponent, CustomKpiFormComponent, TranslocoPipe, CsvExportComponent, EmptyStateComponent, ErrorPanelComponent, LoadingIndicatorComponent, SortHeaderComponent],
  templateUrl: './admin-kpis.page.html',
})
export class AdminKpisPage implements OnInit {
  protected readonly store = inject(KpisStore);
  private readonly api = inject(KpisApi);
  private readonly translator = inject(Translator);
  private readonly t: Translate = (key, params) => this.translator.t(key, params);

  protected readonly editing = signal<KpiDefinitionDto | 'new' | null>(null);
  protected readonly saving = signal(false);
  protected readonly serverError = signal<string | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly customCodes = computed(() => this.store.definitions().filter((kpi) => !kpi.builtIn).map((kpi) => kpi.code));
  protected readonly rows = computed<CatalogRow[]>(() =>
    [...this.store.definitions()]
      .sort((a, b) => Number(a.builtIn) - Number(b.builtIn) || a.name.localeCompare(b.name))
      .map((kpi) => ({
        kpi,
        aggregation: AGGREGATIONS.has(kpi.aggregation) ? this.t('admin.kpis.aggregation.' + kpi.aggregation) : kpi.aggregation,
        direction: this.t(
          kpi.direction === 'higher_is_better' ? 'admin.kpis.direction.higher' : kpi.direction === 'lower_is_better' ? 'admin.kpis.direction.lower' : 'admin.kpis.direction.band',
        ),
        lines: kpi.serviceLines.map((code) => SERVICE_LINES.find((line) => line.code === code)?.name ?? code).join(', '),
      })),
  );

  protected readonly table = new SortableTable<CatalogRow>(
    [
      { key: 'kpi', header: () => this.t('admin.kpis.columns.kpi'), value: (r) => r.kpi.name },
      { key: 'code', header: () => this.t('admin.kpis.columns.code'), value: (r) => r.kpi.code },
      { key: 'unit', header: () => this.t('admin.kpis.columns.unit'), value: (r) => r.kpi.unit },
      { key: 'betterWhen', header: () => this.t('admin.kpis.columns.betterWhen'), value: (r) => r.direction },
      { key: 'rollsUp', header: () => this.t('admin.kpis.columns.rollsUp'), value: (r) => r.aggregation },
      { key: 'serviceLines', header: () => this.t('admin.kpis.columns.serviceLines'), value: (r) => r.lines },
    ],
    this.rows,
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
        this.notice.set(this.t('admin.kpis.saved', { name: kpi.name }));
        this.store.reload();
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.serverError.set(toApiError(error).message);
      },
    });
  }

  protected remove(kpi: KpiDefinitionDto): void {
    if (!confirm(this.t('admin.kpis.confirmDelete', { name: kpi.name }))) return;
    this.api.remove(kpi.code).subscribe({
      next: () => {
        this.notice.set(this.t('admin.kpis.deleted', { name: kpi.name }));
        this.store.reload();
      },
      error: (error: unknown) => this.notice.set(toApiError(error).message),
    });
  }
}
