import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit } from '@angular/core';
import { RouterLink } from '@angular/router';
import { AuditStore, ProvidersStore } from '@kpi/web-data-access';
import { EmptyStateComponent, ErrorPanelComponent, formatDateTime, LoadingIndicatorComponent } from '@kpi/web-ui';

/** "Who accessed this provider's data": views, downloads and exports, for admins and the provider's account managers. */
@Component({
  selector: 'kpi-provider-access-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, EmptyStateComponent, ErrorPanelComponent, LoadingIndicatorComponent],
  providers: [AuditStore],
  template: `
    <header class="page-header">
      <div>
        <h1>Who accessed {{ providerName() }}</h1>
        <p class="page-header__lead">Views of this provider's pages, report downloads and exports, newest first.</p>
      </div>
      <a [routerLink]="['/providers', id()]">Back to the provider</a>
    </header>
    @if (status() === 'error') {
      <kpi-error-panel heading="The access log could not be loaded" [message]="error()?.message ?? ''" [retryable]="true" (retry)="reload()" />
    } @else if (rows().length > 0) {
      <div class="table-wrap">
        <table class="data-table" data-testid="provider-access-table">
          <caption class="visually-hidden">Accesses to this provider's data</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Outcome</th>
            </tr>
          </thead>
          <tbody>
            @for (row of rows(); track row.id) {
              <tr data-testid="provider-access-row">
                <td>{{ row.at }}</td>
                <th scope="row">{{ row.actor }}</th>
                <td>{{ row.action }}</td>
                <td>{{ row.outcome }}</td>
              </tr>
            }
          </tbody>
        </table>
      </div>
      <p>{{ total() }} accesses recorded.</p>
    } @else if (status() === 'success') {
      <kpi-empty-state heading="No accesses recorded" message="Nobody has viewed or downloaded this provider's data yet." />
    } @else {
      <kpi-loading-indicator label="Loading the access log…" />
    }
  `,
})
export class ProviderAccessPage implements OnInit {
  /** Route parameter (component input binding). */
  readonly id = input.required<string>();
  private readonly store = inject(AuditStore);
  private readonly providersStore = inject(ProvidersStore);

  protected readonly status = this.store.status;
  protected readonly error = this.store.error;
  protected readonly total = this.store.total;
  protected readonly providerName = computed(() => this.providersStore.byId().get(this.id())?.name ?? 'this provider');
  protected readonly rows = computed(() =>
    this.store.entries().map((e) => ({
      id: e.id,
      at: formatDateTime(e.at),
      actor: e.actorLabel ?? e.actorApiKeyId ?? '–',
      action: ACTION_LABELS[e.action] ?? e.action,
      outcome: e.outcome === 'success' ? 'Allowed' : `Refused (${e.outcome.replace('error:', '')})`,
    })),
  );

  ngOnInit(): void {
    this.providersStore.load();
    this.reload();
  }

  protected reload(): void {
    this.store.providerAccess(this.id(), { limit: 500 });
  }
}

const ACTION_LABELS: Record<string, string> = {
  'provider.view': 'Viewed the provider page',
  'provider.kpi_trend.view': 'Viewed a KPI trend',
  'provider.sla.view': 'Viewed SLA attainment',
  'provider.scorecard.view': 'Viewed the scorecard',
  'report.download': 'Downloaded a report',
  'provider.export': 'Exported data',
};
