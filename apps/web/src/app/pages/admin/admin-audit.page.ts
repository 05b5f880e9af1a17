import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { AuditEntryDto } from '@kpi/contracts';
import { AuditApi, AuditFilter, AuditStore, ProvidersStore, toApiError } from '@kpi/web-data-access';
import {
  EmptyStateComponent,
  ErrorPanelComponent,
  formatDateTime,
  LoadingIndicatorComponent,
  SortableTable,
  SortHeaderComponent,
  Translate,
  Translator,
} from '@kpi/web-ui';
import { integerField, QueryFields, textField } from '../../core/query-filters';
import { injectUrlFilters } from '../../core/url-filters';
import { AdminTabsComponent } from './admin-tabs.component';

const PAGE_SIZE = 100;

/** The search in the URL: `?action=provider.&from=2026-11-01T06:00:00.000Z&offset=100`. */
interface AuditUrlFilters {
  readonly from: string | null;
  readonly to: string | null;
  readonly action: string | null;
  readonly actor: string | null;
  readonly providerId: string | null;
  readonly offset: number;
}

const AUDIT_FILTER_FIELDS: QueryFields<AuditUrlFilters> = {
  from: textField(),
  to: textField(),
  action: textField(),
  actor: textField(),
  providerId: textField(),
  offset: integerField(0, 0, Number.MAX_SAFE_INTEGER),
};

interface AuditRow {
  readonly id: number | string;
  readonly at: string;
  readonly when: string;
  readonly actor: string;
  readonly action: string;
  readonly outcome: string;
  readonly failed: boolean;
  readonly resource: string;
  readonly provider: string;
  readonly ip: string;
  readonly change: string;
}

/** Admins only: search the audit trail, export it as CSV, and check its hash chain. */
@Component({
  selector: 'kpi-admin-audit-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AdminTabsComponent, TranslocoPipe, EmptyStateComponent, ErrorPanelComponent, LoadingIndicatorComponent, SortHeaderComponent],
  providers: [AuditStore],
  templateUrl: './admin-audit.page.html',
})
export class AdminAuditPage implements OnInit {
  private readonly store = inject(AuditStore);
  private readonly api = inject(AuditApi);
  private readonly providersStore = inject(ProvidersStore);
  private readonly translator = inject(Translator);
  private readonly t: Translate = (key, params) => this.translator.t(key, params);
  private readonly urlFilters = injectUrlFilters(AUDIT_FILTER_FIELDS);

  protected readonly status = this.store.status;
  protected readonly error = this.store.error;
  protected readonly total = this.store.total;
  protected readonly verification = this.store.verification;
  protected readonly verificationStatus = this.store.verificationStatus;
  protected readonly providers = computed(() => [...this.providersStore.byId().entries()].map(([id, p]) => ({ id, name: p.name })));
  protected readonly filter = signal<AuditFilter>({});
  protected readonly offset = signal(0);
  protected readonly exportError = signal<string | null>(null);
  protected readonly rows = computed<AuditRow[]>(() => this.store.entries().map(toRow));
  protected readonly pageLabel = computed(() => {
    const total = this.total();
    if (total === 0) return '';
    return this.t('admin.audit.pageLabel', { first: this.offset() + 1, last: Math.min(this.offset() + PAGE_SIZE, total), total });
  });
  /** Sorts the records of the page shown; the server export below covers every matching record. */
  protected readonly table = new SortableTable<AuditRow>(
    [
      { key: 'id', header: () => this.t('admin.audit.columns.id'), value: (r) => r.id },
      { key: 'when', header: () => this.t('admin.audit.columns.when'), value: (r) => r.at },
      { key: 'who', header: () => this.t('admin.audit.columns.who'), value: (r) => r.actor },
      { key: 'action', header: () => this.t('admin.audit.columns.action'), value: (r) => r.action },
      { key: 'outcome', header: () => this.t('admin.audit.columns.outcome'), value: (r) => r.outcome },
      { key: 'resource', header: () => this.t('admin.audit.columns.resource'), value: (r) => r.resource },
      { key: 'provider', header: () => this.t('admin.audit.columns.provider'), value: (r) => r.provider },
      { key: 'ip', header: () => this.t('admin.audit.columns.ip'), value: (r) => r.ip },
    ],
    this.rows,
  );

  ngOnInit(): void {
    this.providersStore.load();
    const { offset, ...fields } = this.urlFilters.read();
    this.filter.set(Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null)) as AuditFilter);
    this.offset.set(offset);
    this.reload();
  }

  /** A datetime-local input's value for an instant in the URL, in the user's time zone. */
  protected localInput(iso: string | undefined): string {
    if (!iso) return '';
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return '';
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
  }

  protected reload(): void {
    this.store.search({ ...this.filter(), limit: PAGE_SIZE, offset: this.offset() });
    const f = this.filter();
    this.urlFilters.write({
      from: f.from ?? null,
      to: f.to ?? null,
      action: f.action ?? null,
      actor: f.actor ?? null,
      providerId: f.providerId ?? null,
      offset: this.offset(),
    });
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

function toRow(e: AuditEntryDto): AuditRow {
  return {
    id: e.id,
    at: e.at,
    when: formatDateTime(e.at),
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
