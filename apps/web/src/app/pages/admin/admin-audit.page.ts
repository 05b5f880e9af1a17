import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { AuditEntryDto } from '@kpi/contracts';
import { AuditApi, AuditFilter, AuditStore, ProvidersStore, toApiError } from '@kpi/web-data-access';
import { EmptyStateComponent, ErrorPanelComponent, formatDateTime, LoadingIndicatorComponent } from '@kpi/web-ui';
import { AdminTabsComponent } from './admin-tabs.component';

const PAGE_SIZE = 100;

/** Admins only: search the audit trail, export it as CSV, and check its hash chain. */
@Component({
  selector: 'kpi-admin-audit-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AdminTabsComponent, EmptyStateComponent, ErrorPanelComponent, LoadingIndicatorComponent],
  providers: [AuditStore],
  templateUrl: './admin-audit.page.html',
})
export class AdminAuditPage implements OnInit {
  private readonly store = inject(AuditStore);
  private readonly api = inject(AuditApi);
  private readonly providersStore = inject(ProvidersStore);

  protected readonly status = this.store.status;
  protected readonly error = this.store.error;
  protected readonly total = this.store.total;
  protected readonly verification = this.store.verification;
  protected readonly verificationStatus = this.store.verificationStatus;
  protected readonly providers = computed(() => [...this.providersStore.byId().entries()].map(([id, p]) => ({ id, name: p.name })));
  protected readonly filter = signal<AuditFilter>({});
  protected readonly offset = signal(0);
  protected readonly exportError = signal<string | null>(null);
  protected readonly rows = computed(() => this.store.entries().map(toRow));
  protected readonly pageLabel = computed(() => {
    const total = this.total();
    if (total === 0) return '';
    return `${this.offset() + 1}–${Math.min(this.offset() + PAGE_SIZE, total)} of ${total}`;
  });

  ngOnInit(): void {
    this.providersStore.load();
    this.reload();
  }

  protected reload(): void {
    this.store.search({ ...this.filter(), limit: PAGE_SIZE, offset: this.offset() });
  }

  protected setField(field: keyof AuditFilter, event: Event): void {
    const value = (event.target as HTMLInputElement | HTMLSelectElement).value.trim();
    const converted = value && (field === 'from' || field === 'to') ? new Date(value).toISOString() : value || undefined;
    this.filter.update((f) => ({ ...f, [field]: converted }));
  }

  protected apply(event: Event): void {
    event.preventDefault();
    this.offset.set(0);
    this.reload();
  }

  protected page(delta: number): void {
    const next = Math.max(0, this.offset() + delta * PAGE_SIZE);
    if (next >= this.total() && delta > 0) return;
    this.offset.set(next);
    this.reload();
  }

  protected exportCsv(): void {
    this.exportError.set(null);
    this.api.exportCsv(this.filter()).subscribe({
      next: (blob) => {
        const url = URL.createObjectURL(blob);
        const link = document.createElement('a');
        link.href = url;
        link.download = 'audit-log.csv';
        link.click();
        setTimeout(() => URL.revokeObjectURL(url), 1000);
      },
      error: (error) => this.exportError.set(toApiError(error).message),
    });
  }

  protected verify(): void {
    this.store.verify();
  }
}

function toRow(e: AuditEntryDto) {
  return {
    id: e.id,
    at: formatDateTime(e.at),
    actor: e.actorLabel ?? e.actorUserId ?? e.actorApiKeyId ?? '–',
    action: e.action,
    outcome: e.outcome,
    failed: e.outcome !== 'success',
    resource: e.resourceType ? `${e.resourceType}${e.resourceId ? ` ${e.resourceId}` : ''}` : '–',
    provider: e.providerName ?? '–',
    ip: e.ip ?? '–',
    change: e.before !== null || e.after !== null ? JSON.stringify({ before: e.before, after: e.after }, null, 1) : '',
  };
}
