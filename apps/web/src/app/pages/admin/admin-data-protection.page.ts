import { ChangeDetectionStrategy, Component, computed, DOCUMENT, inject, OnInit, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { RetentionPolicyDto, RetentionPurgeResultDto } from '@kpi/contracts';
import { DataProtectionApi, Loadable, ProvidersStore, toApiError } from '@kpi/web-data-access';
import { ErrorPanelComponent, formatDateTime, LoadingIndicatorComponent, Translator } from '@kpi/web-ui';
import { AdminTabsComponent } from './admin-tabs.component';

type Busy = 'purge' | 'erase' | 'export' | null;

/** Admins only: the retention policy (and a purge now), erasure of one agent, and a provider's full export. */
@Component({
  selector: 'kpi-admin-data-protection-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AdminTabsComponent, ErrorPanelComponent, LoadingIndicatorComponent, TranslocoPipe],
  templateUrl: './admin-data-protection.page.html',
  styles: `
    .data-protection { display: grid; gap: 1.5rem; }
    .data-protection__form { display: grid; gap: 0.75rem; max-width: 32rem; }
    .data-protection__confirm { display: flex; gap: 0.5rem; align-items: center; }
  `,
})
export class AdminDataProtectionPage implements OnInit {
  private readonly api = inject(DataProtectionApi);
  private readonly providersStore = inject(ProvidersStore);
  private readonly translator = inject(Translator);
  private readonly document = inject(DOCUMENT);
  private readonly policyState = new Loadable<RetentionPolicyDto>();

  protected readonly policy = this.policyState.data;
  protected readonly policyStatus = this.policyState.status;
  protected readonly policyError = this.policyState.error;
  protected readonly providers = computed(() => [...this.providersStore.providers()].sort((a, b) => a.name.localeCompare(b.name)));
  protected readonly busy = signal<Busy>(null);
  protected readonly message = signal<{ for: Exclude<Busy, null>; text: string; error: boolean } | null>(null);
  protected readonly eraseProviderId = signal('');
  protected readonly agentId = signal('');
  protected readonly confirmed = signal(false);
  protected readonly exportProviderId = signal('');
  protected readonly canErase = computed(() => !!this.eraseProviderId() && this.agentId().trim().length > 0 && this.confirmed() && !this.busy());
  protected readonly formatDateTime = formatDateTime;

  ngOnInit(): void {
    this.providersStore.load();
    this.policyState.load(this.api.policy());
  }

  protected reloadPolicy(): void {
    this.policyState.load(this.api.policy());
  }

  protected purge(): void {
    this.run('purge', this.api.purgeNow(), (result: RetentionPurgeResultDto) => {
      const summary = result.kinds
        .map((kind) => this.translator.t('dataProtection.purgedKind', { count: kind.deleted, kind: this.translator.t(`dataProtection.kinds.${kind.kind}`) }))
        .join(', ');
      this.reloadPolicy();
      return this.translator.t('dataProtection.purged', { summary });
    });
  }

  protected erase(event: Event): void {
    event.preventDefault();
    if (!this.canErase()) return;
    this.run('erase', this.api.eraseAgent(this.eraseProviderId(), this.agentId().trim()), (result) => {
      this.agentId.set('');
      this.confirmed.set(false);
      return this.translator.t('dataProtection.erased', { evaluations: result.evaluationsRemoved, rows: result.rowErrorsRemoved });
    });
  }

  protected exportProvider(event: Event): void {
    event.preventDefault();
    const providerId = this.exportProviderId();
    if (!providerId || this.busy()) return;
    this.run('export', this.api.exportProvider(providerId), (response) => {
      const fileName = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? 'provider-export.zip';
      this.save(response.body ?? new Blob(), fileName);
      return this.translator.t('dataProtection.exported', { file: fileName });
    });
  }

  protected value(event: Event): string {
    return (event.target as HTMLInputElement | HTMLSelectElement).value;
  }

  protected checked(event: Event): boolean {
    return (event.target as HTMLInputElement).checked;
  }

  private run<T>(what: Exclude<Busy, null>, request: import('rxjs').Observable<T>, describe: (result: T) => string): void {
    this.busy.set(what);
    this.message.set(null);
    request.subscribe({
      next: (result) => {
        this.busy.set(null);
        this.message.set({ for: what, text: describe(result), error: false });
      },
      error: (error: unknown) => {
        this.busy.set(null);
        this.message.set({ for: what, text: toApiError(error).message, error: true });
      },
    });
  }

  private save(blob: Blob, fileName: string): void {
    const url = URL.createObjectURL(blob);
    const link = this.document.createElement('a');
    link.href = url;
    link.download = fileName;
    this.document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}
