import { Injectable, NotFoundException } from '@nestjs/common';
import type { MailboxListDto, MailboxMessageDto, MailboxStatusDto } from '@kpi/contracts';
import { CaughtMailStore, CaughtMailSummary } from '../../mail/caught-mail.store';
import { MailTransport } from '../../mail/mail-transport';
import type { AuthenticatedUser } from '../auth/authenticated-user';

/**
 * The Mailbox page: what the built-in mail catcher received. Admins see all of it; everyone else the mail
 * addressed to them.
 */
@Injectable()
export class MailboxService {
  constructor(
    private readonly store: CaughtMailStore,
    private readonly transport: MailTransport,
  ) {}

  status(): MailboxStatusDto {
    return {
      catcherRunning: this.transport.catcherAddress !== null,
      address: this.transport.catcherAddress,
      smtpConfigured: this.transport.smtpConfigured,
    };
  }

  async list(user: AuthenticatedUser, page: { limit: number; offset: number }): Promise<MailboxListDto> {
    const { items, total } = await this.store.list(recipientsOf(user), page);
    return { items: items.map(toSummaryDto), total };
  }

  async get(user: AuthenticatedUser, id: string): Promise<MailboxMessageDto> {
    const message = await this.store.get(id, recipientsOf(user));
    if (!message) throw new NotFoundException('Message not found');
    return { ...toSummaryDto(message), text: message.text, html: message.html, attachments: message.attachments };
  }
}

function recipientsOf(user: AuthenticatedUser): string[] | null {
  return user.role === 'admin' ? null : [user.email.toLowerCase()];
}

function toSummaryDto(m: CaughtMailSummary) {
  return {
    id: m.id,
    messageId: m.messageId,
    from: m.from,
    to: m.to,
    subject: m.subject,
    receivedAt: m.receivedAt.toISOString(),
    deliveries: m.deliveries,
    imageCount: m.imageCount,
  };
}
