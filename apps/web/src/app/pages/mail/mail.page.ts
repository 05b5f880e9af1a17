import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { OutboxStatus } from '@kpi/contracts';
import { MailStore } from '@kpi/web-data-access';
import {
  EmptyStateComponent,
  ErrorPanelComponent,
  formatDateTime,
  LoadingIndicatorComponent,
  MailFrameComponent,
  OUTBOX_STATUS_LABELS,
} from '@kpi/web-ui';

type MailTab = 'sent' | 'mailbox';

/**
 * Mail: the sent-mail log (every message the app wrote, with its status and failure reason) and the mailbox of the
 * built-in local mail catcher (what arrived, when SMTP_URL is not set).
 */
@Component({
  selector: 'kpi-mail-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, EmptyStateComponent, ErrorPanelComponent, LoadingIndicatorComponent, MailFrameComponent],
  providers: [MailStore],
  templateUrl: './mail.page.html',
  styleUrl: './mail.page.css',
})
export class MailPage {
  protected readonly store = inject(MailStore);
  private readonly router = inject(Router);

  /** `?tab=mailbox` (default) or `?tab=sent`, and `?message=<id>` for an open message. */
  readonly tab = input<string | undefined>(undefined);
  readonly message = input<string | undefined>(undefined);

  protected readonly activeTab = computed<MailTab>(() => (this.tab() === 'sent' ? 'sent' : 'mailbox'));
  protected readonly formatDateTime = formatDateTime;
  protected readonly statusLabels = OUTBOX_STATUS_LABELS;
  protected readonly statusFilters: readonly OutboxStatus[] = ['queued', 'sent', 'failed', 'skipped'];

  constructor() {
    effect(() => {
      const tab = this.activeTab();
      untracked(() => (tab === 'sent' ? this.store.loadOutbox() : this.store.loadMailbox()));
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

  protected filter(status: OutboxStatus | null): void {
    this.store.filterOutbox(status);
  }

  protected close(): void {
    void this.router.navigate([], { queryParams: { tab: 'mailbox' } });
  }
}
