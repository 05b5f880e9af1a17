import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { OutboxMessageDto, OutboxStatus } from '@kpi/contracts';
import { AuthStore, MailStore } from '@kpi/web-data-access';
import {
  CsvExportComponent,
  EmptyStateComponent,
  ErrorPanelComponent,
  formatDateTime,
  LoadingIndicatorComponent,
  MailFrameComponent,
  outboxStatusLabel,
  SortableTable,
  SortHeaderComponent,
  Translate,
  Translator,
} from '@kpi/web-ui';
import { choiceField } from '../../core/query-filters';

const OUTBOX_STATUSES: readonly OutboxStatus[] = ['queued', 'sent', 'failed', 'skipped'];
/** `?status=failed` on the sent-mail tab; no parameter = every status. */
const OUTBOX_STATUS_FIELD = choiceField(OUTBOX_STATUSES);

type MailTab = 'sent' | 'mailbox';

/**
 * Mail: the sent-mail log (every message the app wrote, with its status and failure reason) and the mailbox of the
 * built-in local mail catcher (what arrived, when SMTP_URL is not set).
 */
@Component({
  selector: 'kpi-mail-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslocoPipe, CsvExportComponent, EmptyStateComponent, ErrorPanelComponent, LoadingIndicatorComponent, MailFrameComponent, SortHeaderComponent],
  providers: [MailStore],
  templateUrl: './mail.page.html',
  styleUrl: './mail.page.css',
})
export class MailPage {
  protected readonly store = inject(MailStore);
  /** Requeueing failed mail is for admins and account managers (the api refuses others). */
  protected readonly canRetry = inject(AuthStore).isClientEditor;
  private readonly router = inject(Router);
  private readonly translator = inject(Translator);
  private readonly t: Translate = (key, params) => this.translator.t(key, params);

  /** `?tab=mailbox` (default) or `?tab=sent`, and `?message=<id>` for an open message. */
  readonly tab = input<string | undefined>(undefined);
  readonly message = input<string | undefined>(undefined);
  /** `?status=` on the sent-mail tab. */
  readonly status = input<string | undefined>(undefined);

  protected readonly activeTab = computed<MailTab>(() => (this.tab() === 'sent' ? 'sent' : 'mailbox'));
  protected readonly formatDateTime = formatDateTime;
  protected readonly statusFilters = OUTBOX_STATUSES;
  private readonly outboxRows = computed(() => this.store.outbox()?.items ?? []);
  protected readonly outboxTable = new SortableTable<OutboxMessageDto>(
    [
      { key: 'created', header: () => this.t('mail.outbox.columns.created'), value: (m) => m.createdAt },
      { key: 'to', header: () => this.t('mail.outbox.columns.to'), value: (m) => m.toAddress, sortValue: (m) => m.toName ?? m.toAddress },
      { key: 'subject', header: () => this.t('mail.outbox.columns.subject'), value: (m) => m.subject },
      { key: 'kind', header: () => this.t('mail.outbox.columns.kind'), value: (m) => m.kind },
      { key: 'status', header: () => this.t('mail.outbox.columns.status'), value: (m) => outboxStatusLabel(m.status, this.t) },
      { key: 'attempts', header: () => this.t('mail.outbox.columns.attempts'), value: (m) => m.attempts },
      { key: 'sent', header: () => this.t('mail.outbox.columns.sent'), value: (m) => m.sentAt },
    ],
    this.outboxRows,
  );

  constructor() {
    effect(() => {
      const tab = this.activeTab();
      const status = OUTBOX_STATUS_FIELD.parse(this.status() ?? null);
      untracked(() => (tab === 'sent' ? this.store.filterOutbox(status) : this.store.loadMailbox()));
    });
    effect(() => {
      const id = this.message();
      untracked(() => (id ? this.store.openMessage(id) : this.store.closeMessage()));
    });
  }

  protected refresh(): void {
    if (this.activeTab() === 'sent') this.store.loadOutbox();
    else this.store.loadMailbox();
  }

  /** Through the URL, so the filtered log can be shared; the `status` input then reloads it. */
  protected filter(status: OutboxStatus | null): void {
    void this.router.navigate([], { queryParams: { status: OUTBOX_STATUS_FIELD.serialise(status) }, queryParamsHandling: 'merge' });
  }

  protected close(): void {
    void this.router.navigate([], { queryParams: { tab: 'mailbox' } });
  }
}
