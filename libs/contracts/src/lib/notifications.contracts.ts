import type { AlertKind, Severity } from '@kpi/domain';

export type DigestFrequencyOption = 'none' | 'daily' | 'weekly';

export interface AlertSubscriptionDto {
  id: string;
  name: string;
  /** Empty lists mean "any" (always within the providers the user may see). */
  providerIds: string[];
  siteIds: string[];
  kpiCodes: string[];
  kinds: AlertKind[];
  minSeverity: Severity;
  /** Mail items of at least `immediateMinSeverity` at once. */
  immediate: boolean;
  immediateMinSeverity: Severity;
  digest: DigestFrequencyOption;
  /** Local hour 0..23 in the user's time zone. */
  digestHour: number;
  /** ISO weekday 1 = Monday .. 7 = Sunday (weekly digests). */
  digestWeekday: number;
  enabled: boolean;
  createdAt: string;
  lastDigestAt: string | null;
  /** The filters in words, as printed in every email of this subscription. */
  description: string;
}

export interface SaveAlertSubscriptionRequest {
  name: string;
  providerIds?: string[];
  siteIds?: string[];
  kpiCodes?: string[];
  kinds?: AlertKind[];
  minSeverity?: Severity;
  immediate?: boolean;
  immediateMinSeverity?: Severity;
  digest?: DigestFrequencyOption;
  digestHour?: number;
  digestWeekday?: number;
  enabled?: boolean;
}

export interface NotificationSettingsDto {
  email: string;
  timeZone: string;
  /** Local hours; null = no quiet hours. Immediate alerts in quiet hours wait until they end. */
  quietHoursStart: number | null;
  quietHoursEnd: number | null;
}

export interface SaveNotificationSettingsRequest {
  timeZone: string;
  quietHoursStart: number | null;
  quietHoursEnd: number | null;
}

export interface MuteWindowDto {
  id: string;
  providerId: string | null;
  siteId: string | null;
  kpiCode: string | null;
  startsAt: string;
  endsAt: string;
  reason: string;
  createdAt: string;
  active: boolean;
}

export interface CreateMuteWindowRequest {
  providerId?: string;
  siteId?: string;
  kpiCode?: string;
  startsAt: string;
  endsAt: string;
  reason: string;
}

export type OutboxStatus = 'queued' | 'sent' | 'failed' | 'skipped';
export type OutboxKind = 'alert' | 'digest' | 'escalation' | 'report';

export interface OutboxMessageDto {
  id: string;
  kind: OutboxKind;
  toAddress: string;
  toName: string | null;
  subject: string;
  status: OutboxStatus;
  attempts: number;
  /** Why the last attempt failed (or why the message was skipped). */
  lastError: string | null;
  createdAt: string;
  notBefore: string;
  lastAttemptAt: string | null;
  sentAt: string | null;
  providerId: string | null;
  providerName: string | null;
  escalationId: string | null;
}

export interface OutboxListDto {
  items: OutboxMessageDto[];
  total: number;
  counts: Record<OutboxStatus, number>;
}

export interface OutboxQuery {
  status?: OutboxStatus;
  limit?: number;
  offset?: number;
}

/** The built-in mail catcher (used when SMTP_URL is not set). */
export interface MailboxStatusDto {
  catcherRunning: boolean;
  /** Where the catcher listens, e.g. "127.0.0.1:2525"; null when SMTP_URL is used. */
  address: string | null;
  smtpConfigured: boolean;
}

export interface MailboxMessageSummaryDto {
  id: string;
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  receivedAt: string;
  /** Times the same Message-ID arrived (1 = delivered once). */
  deliveries: number;
  imageCount: number;
}

export interface MailboxListDto {
  items: MailboxMessageSummaryDto[];
  total: number;
}

export interface MailboxMessageDto extends MailboxMessageSummaryDto {
  text: string;
  /** HTML with inline (cid:) images turned into data: URLs, ready for a sandboxed frame. */
  html: string | null;
  attachments: { filename: string | null; contentType: string; contentId: string | null; size: number }[];
}

export interface UnsubscribeResultDto {
  done: boolean;
  message: string;
}
