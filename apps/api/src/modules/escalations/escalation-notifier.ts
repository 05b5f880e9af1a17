import { Injectable } from '@nestjs/common';
import type { SqlExecutor } from '../alerts/alert.types';
import { EscalationMailFacts, EscalationMailRecipient, EscalationMailService } from '../notifications/escalation-mail.service';
import type { EscalationMailEvent } from '../notifications/templates/escalation-email.template';
import { STATUS_LABELS } from './escalations.constants';
import type { EscalationRecord, MatrixLevel } from './escalation.types';

export function escalationReference(number: number): string {
  return `ESC-${String(number).padStart(4, '0')}`;
}

/** Decides who of the matrix (and the owner) hears about an escalation event, and hands it to the mail service. */
@Injectable()
export class EscalationNotifier {
  constructor(private readonly mail: EscalationMailService) {}

  /** The contacts of one level (and optionally the owner), in the caller's transaction. */
  async toLevel(
    db: SqlExecutor,
    e: EscalationRecord,
    levels: MatrixLevel[],
    level: number,
    event: EscalationMailEvent,
    reason: string,
    eventKey: string,
    alsoOwner = false,
  ): Promise<string[]> {
    const rule = levels.find((l) => l.level === level);
    const recipients: EscalationMailRecipient[] = (rule?.contacts ?? []).map((c) => ({
      userId: c.userId,
      email: c.email,
      name: c.name,
      role: `level ${level} contact (${rule?.name}) of ${e.providerName}'s escalation matrix`,
    }));
    if (alsoOwner && e.ownerEmail && e.ownerName) {
      recipients.push({ userId: e.ownerUserId, email: e.ownerEmail, name: e.ownerName, role: `owner of ${escalationReference(e.number)}` });
    }
    return this.mail.notify(db, { event, escalation: this.facts(e, levels), recipients, reason, eventKey });
  }

  async toOwner(db: SqlExecutor, e: EscalationRecord, levels: MatrixLevel[], event: EscalationMailEvent, reason: string, eventKey: string): Promise<string[]> {
    if (!e.ownerEmail || !e.ownerName) return [];
    return this.mail.notify(db, {
      event,
      escalation: this.facts(e, levels),
      recipients: [{ userId: e.ownerUserId, email: e.ownerEmail, name: e.ownerName, role: `owner of ${escalationReference(e.number)}` }],
      reason,
      eventKey,
    });
  }

  dispatch(ids: readonly string[]): Promise<void> {
    return this.mail.dispatch(ids);
  }

  private facts(e: EscalationRecord, levels: MatrixLevel[]): EscalationMailFacts {
    return {
      id: e.id,
      reference: escalationReference(e.number),
      title: e.title,
      providerId: e.providerId,
      providerName: e.providerName,
      severity: e.severity,
      statusLabel: STATUS_LABELS[e.status],
      level: e.level,
      levelName: levels.find((l) => l.level === e.level)?.name ?? `Level ${e.level}`,
      scopeLabel: e.scopeLabel,
      summary: e.summary,
      ackDueAt: e.status === 'open' || e.status === 'reopened' ? e.ackDueAt : null,
      resolveDueAt: e.resolveDueAt,
      ownerName: e.ownerName,
      actionPlan: e.actionPlan,
    };
  }
}
