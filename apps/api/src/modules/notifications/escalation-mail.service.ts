import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Severity } from '@kpi/domain';
import { AppConfig } from '../../config/app-config.service';
import type { SqlExecutor } from '../alerts/alert.types';
import { listUnsubscribeHeaders } from './alert-mail.service';
import { DEFAULT_TIME_ZONE } from './notifications.constants';
import { OutboxService } from './outbox.service';
import { RecipientsRepository } from './recipients.repository';
import { EscalationMailEvent, renderEscalationEmail } from './templates/escalation-email.template';
import { formatInstant } from './templates/format';
import { UnsubscribeTokensService } from './unsubscribe-tokens.service';

export interface EscalationMailFacts {
  id: string;
  reference: string;
  title: string;
  providerId: string;
  providerName: string;
  severity: Severity;
  statusLabel: string;
  level: number;
  levelName: string;
  scopeLabel: string;
  summary: string | null;
  ackDueAt: Date | null;
  resolveDueAt: Date | null;
  ownerName: string | null;
  actionPlan: string | null;
}

export interface EscalationMailRecipient {
  userId: string | null;
  email: string;
  name: string;
  /** Why this person gets it, printed in the footer ("level 2 contact (Provider operations lead) of Norte's matrix"). */
  role: string;
}

export interface EscalationMailRequest {
  event: EscalationMailEvent;
  escalation: EscalationMailFacts;
  recipients: EscalationMailRecipient[];
  /** The sentence after "Hello <name>,". */
  reason: string;
  /** Distinguishes repeated events of the same kind (e.g. the level reached, the timeline entry). */
  eventKey: string;
}

/** Mail to the escalation matrix and owners, written to the outbox in the caller's transaction. */
@Injectable()
export class EscalationMailService {
  constructor(
    private readonly outbox: OutboxService,
    private readonly recipients: RecipientsRepository,
    private readonly tokens: UnsubscribeTokensService,
    private readonly config: AppConfig,
  ) {}

  async notify(db: SqlExecutor, request: EscalationMailRequest): Promise<string[]> {
    const unique = new Map<string, EscalationMailRecipient>();
    for (const r of request.recipients) if (!unique.has(r.email.toLowerCase())) unique.set(r.email.toLowerCase(), r);
    const zones = await this.recipients.timeZones(
      db,
      [...unique.values()].map((r) => r.userId).filter((id): id is string => id !== null),
    );
    const e = request.escalation;
    const link = `${this.config.publicUrl.replace(/\/$/, '')}/escalations/${e.id}`;
    const ids: string[] = [];
    for (const [address, recipient] of unique) {
      const zone = (recipient.userId && zones.get(recipient.userId)) || DEFAULT_TIME_ZONE;
      const unsubscribeUrl = await this.tokens.url({ t: 'addr', e: address });
      const email = renderEscalationEmail({
        recipientName: recipient.name,
        event: request.event,
        reference: e.reference,
        title: e.title,
        providerName: e.providerName,
        severity: e.severity,
        statusLabel: e.statusLabel,
        level: e.level,
        levelName: e.levelName,
        scopeLabel: e.scopeLabel,
        summary: e.summary,
        reason: request.reason,
        ackDue: e.ackDueAt ? formatInstant(e.ackDueAt, zone) : null,
        resolveDue: e.resolveDueAt ? formatInstant(e.resolveDueAt, zone) : null,
        ownerName: e.ownerName,
        actionPlan: e.actionPlan,
        link,
        footer: {
          reason: `You receive this as ${recipient.role}.`,
          unsubscribeUrl,
          unsubscribeLabel: 'Stop escalation mail to this address',
          settingsUrl: `${this.config.publicUrl}/alerts`,
        },
      });
      const id = await this.outbox.write(db, {
        id: randomUUID(),
        kind: 'escalation',
        dedupeKey: `escalation:${e.id}:${request.eventKey}:${address}`,
        toAddress: recipient.email,
        toName: recipient.name,
        toUserId: recipient.userId,
        providerId: e.providerId,
        escalationId: e.id,
        alertEventId: null,
        subject: email.subject,
        html: email.html,
        text: email.text,
        headers: listUnsubscribeHeaders(unsubscribeUrl),
        notBefore: null,
        images: [],
      });
      if (id) ids.push(id);
    }
    return ids;
  }

  dispatch(ids: readonly string[]): Promise<void> {
    return this.outbox.dispatch(ids);
  }
}
