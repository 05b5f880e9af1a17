import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AuditStore, ProvidersStore } from '@kpi/web-data-access';
import {
  CsvExportComponent,
  EmptyStateComponent,
  ErrorPanelComponent,
  formatDateTime,
  LoadingIndicatorComponent,
  SortableTable,
  SortHeaderComponent,
  Translate,
  Translator,
} from '@kpi/web-ui';

/** Audit actions shown here, with their label under `providerAccess.actions` ('provider.view' -> 'provider_view'). */
const KNOWN_ACTIONS = new Set(['provider.view', 'provider.kpi_trend.view', 'provider.sla.view', 'provider.scorecard.view', 'report.download', 'provider.export']);

interface AccessRow {
  readonly id: number;
  readonly atIso: string;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly outcome: string;
}

/** "Who accessed this provider's data": views, downloads and exports, for admins and the provider's account managers. */
@Component({
  selector: 'kpi-provider-access-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslocoPipe, CsvExportComponent, EmptyStateComponent, ErrorPanelComponent, LoadingIndicatorComponent, SortHeaderComponent],
  providers: [AuditStore],
  template: `
    <header class="page-header">
      <div>
        <h1>{{ 'providerAccess.title' | transloco: { provider: providerName() } }}</h1>
        <p class="page-header__lead">{{ 'providerAccess.lead' | transloco }}</p>
      </div>
      <a [routerLink]="['/providers', id()]">{{ 'providerAccess.back' | transloco }}</a>
    </header>
    @if (status() === 'error') {
      <kpi-error-panel
        [heading]="'providerAccess.loadError' | transloco"
        [message]="error()?.message ?? ''"
        [retryable]="true"
        (retry)="reload()"
      />
    } @else if (rows().length > 0) {
      <div class="table-toolbar">
        <p>{{ 'providerAccess.total' | transloco: { count: total() } }}</p>
        <kpi-csv-export [table]="table" [label]="'providerAccess.tableName' | transloco" testId="export-provider-access" />
      </div>
      <div class="table-wrap" tabindex="0" role="region" [attr.aria-label]="'providerAccess.tableName' | transloco">
        <table class="data-table" data-testid="provider-access-table">
          <caption class="visually-hidden">{{ 'providerAccess.tableName' | transloco }}</caption>
          <thead>
            <tr>
              <th scope="col" [attr.aria-sort]="table.ariaSort('when')">
                <kpi-sort-header [table]="table" column="when">{{ 'providerAccess.columns.when' | transloco }}</kpi-sort-header>
              </th>
              <th scope="col" [attr.aria-sort]="table.ariaSort('who')">
                <kpi-sort-header [table]="table" column="who">{{ 'providerAccess.columns.who' | transloco }}</kpi-sort-header>
              </th>
              <th scope="col" [attr.aria-sort]="table.ariaSort('what')">
                <kpi-sort-header [table]="table" column="what">{{ 'providerAccess.columns.what' | transloco }}</kpi-sort-header>
              </th>
              <th scope="col" [attr.aria-sort]="table.ariaSort('outcome')">
                <kpi-sort-header [table]="table" column="outcome">{{ 'providerAccess.columns.outcome' | transloco }}</kpi-sort-header>
              </th>
            </tr>
          </thead>
          <tbody>
            @for (row of table.rows(); track row.id) {
              <tr data-testid="provider-access-row">
                <td class="nowrap">{{ row.at }}</td>
                <th scope="row">{{ row.actor }}</th>
                <td>{{ row.action }}</td>
                <td>{{ row.outcome }}</td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    } @else if (status() === 'success') {
      <kpi-empty-state [heading]="'providerAccess.emptyHeading' | transloco" [message]="'providerAccess.emptyMessage' | transloco" />
    } @else {
      <kpi-loading-indicator [label]="'providerAccess.loading' | transloco" />
    }
  `,
})
export class ProviderAccessPage implements OnInit {
  /** Route parameter (component input binding). */
  readonly id = input.required<string>();
  private readonly store = inject(AuditStore);
  private readonly providersStore = inject(ProvidersStore);
  private readonly translator = inject(Translator);
  private readonly t: Translate = (key, params) => this.translator.t(key, params);

  protected readonly status = this.store.status;
  protected readonly error = this.store.error;
  protected readonly total = this.store.total;
  protected readonly providerName = computed(() => this.providersStore.byId().get(this.id())?.name ?? this.t('providerAccess.thisProvider'));
  protected readonly rows = computed<AccessRow[]>(() =>
    this.store.entries().map((e) => ({
      id: e.id,
      atIso: e.at,
      at: formatDateTime(e.at),
      actor: e.actorLabel ?? e.actorApiKeyId ?? '–',
      action: KNOWN_ACTIONS.has(e.action) ? this.t('providerAccess.actions.' + e.action.replace(/\./g, '_')) : e.action,
      outcome: e.outcome === 'success' ? this.t('providerAccess.allowed') : this.t('providerAccess.refused', { status: e.outcome.replace('error:', '') }),
    })),
  );
  protected readonly table = new SortableTable<AccessRow>(
    [
      { key: 'when', header: () => this.t('providerAccess.columns.when'), value: (r) => r.atIso },
      { key: 'who', header: () => this.t('providerAccess.columns.who'), value: (r) => r.actor },
      { key: 'what', header: () => this.t('providerAccess.columns.what'), value: (r) => r.action },
      { key: 'outcome', header: () => this.t('providerAccess.columns.outcome'), value: (r) => r.outcome },
    ],
    this.rows,
  );

  ngOnInit(): void {
    this.providersStore.load();
    this.reload();
  }

  protected reload(): void {
    this.store.providerAccess(this.id(), { limit: 500 });
  }
}
