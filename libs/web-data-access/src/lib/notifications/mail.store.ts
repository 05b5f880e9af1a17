import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { MailboxListDto, MailboxMessageDto, MailboxStatusDto, OutboxListDto, OutboxStatus } from '@kpi/contracts';
import { Loadable } from '../core/loadable';
import { NotificationsApi } from './notifications.api';

/** The sent-mail log (outbox, status per message) and the local mail catcher's mailbox. Provide it in the page. */
@Injectable()
export class MailStore {
  private readonly api = inject(NotificationsApi);
  private readonly outboxState = new Loadable<OutboxListDto>();
  private readonly mailboxState = new Loadable<MailboxListDto>();
  private readonly statusState = new Loadable<MailboxStatusDto>();
  private readonly messageState = new Loadable<MailboxMessageDto>();

  readonly outboxFilter = signal<OutboxStatus | null>(null);
  readonly outbox = this.outboxState.data;
  readonly outboxStatus = this.outboxState.status;
  readonly outboxError = this.outboxState.error;
  readonly mailbox = computed(() => this.mailboxState.data()?.items ?? []);
  readonly mailboxStatus = this.mailboxState.status;
  readonly mailboxError = this.mailboxState.error;
  readonly catcher = this.statusState.data;
  readonly message = this.messageState.data;
  readonly messageStatus = this.messageState.status;
  readonly messageError = this.messageState.error;

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.outboxState.cancel();
      this.mailboxState.cancel();
      this.statusState.cancel();
      this.messageState.cancel();
    });
  }

  loadOutbox(): void {
    const status = this.outboxFilter();
    this.outboxState.load(this.api.outbox({ limit: 200, ...(status ? { status } : {}) }));
  }

  filterOutbox(status: OutboxStatus | null): void {
    this.outboxFilter.set(status);
    this.loadOutbox();
  }

  retry(id: string): void {
    this.api.retryOutbox(id).subscribe({ complete: () => this.loadOutbox(), error: () => this.loadOutbox() });
  }

  loadMailbox(): void {
    this.statusState.load(this.api.mailboxStatus());
    this.mailboxState.load(this.api.mailbox({ limit: 200 }));
  }

  openMessage(id: string): void {
    this.messageState.load(this.api.mailboxMessage(id), { clearData: true });
  }

  closeMessage(): void {
    this.messageState.reset();
  }
}
