import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  AlertSubscriptionDto,
  CreateMuteWindowRequest,
  MailboxListDto,
  MailboxMessageDto,
  MailboxStatusDto,
  MuteWindowDto,
  NotificationSettingsDto,
  OutboxListDto,
  OutboxQuery,
  SaveAlertSubscriptionRequest,
  SaveNotificationSettingsRequest,
} from '@kpi/contracts';
import { Observable } from 'rxjs';
import { API_BASE_URL } from '../core/api-base-url.token';
import { toParams } from '../escalations/query-params';

/** `/api/notifications`: my alert subscriptions, settings and mute windows; the sent-mail log; the mailbox. */
@Injectable({ providedIn: 'root' })
export class NotificationsApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  settings(): Observable<NotificationSettingsDto> {
    return this.http.get<NotificationSettingsDto>(`${this.base}/settings`);
  }

  saveSettings(request: SaveNotificationSettingsRequest): Observable<NotificationSettingsDto> {
    return this.http.put<NotificationSettingsDto>(`${this.base}/settings`, request);
  }

  subscriptions(): Observable<AlertSubscriptionDto[]> {
    return this.http.get<AlertSubscriptionDto[]>(`${this.base}/subscriptions`);
  }

  createSubscription(request: SaveAlertSubscriptionRequest): Observable<AlertSubscriptionDto> {
    return this.http.post<AlertSubscriptionDto>(`${this.base}/subscriptions`, request);
  }

  updateSubscription(id: string, request: SaveAlertSubscriptionRequest): Observable<AlertSubscriptionDto> {
    return this.http.put<AlertSubscriptionDto>(`${this.base}/subscriptions/${encodeURIComponent(id)}`, request);
  }

  deleteSubscription(id: string): Observable<void> {
    return this.http.delete<void>(`${this.base}/subscriptions/${encodeURIComponent(id)}`);
  }

  sendDigestNow(id: string): Observable<{ outcome: string }> {
    return this.http.post<{ outcome: string }>(`${this.base}/subscriptions/${encodeURIComponent(id)}/send-digest`, {});
  }

  muteWindows(): Observable<MuteWindowDto[]> {
    return this.http.get<MuteWindowDto[]>(`${this.base}/mute-windows`);
  }

  addMuteWindow(request: CreateMuteWindowRequest): Observable<MuteWindowDto[]> {
    return this.http.post<MuteWindowDto[]>(`${this.base}/mute-windows`, request);
  }

  deleteMuteWindow(id: string): Observable<void> {
    return this.http.delete<void>(`${this.base}/mute-windows/${encodeURIComponent(id)}`);
  }

  outbox(query: OutboxQuery = {}): Observable<OutboxListDto> {
    return this.http.get<OutboxListDto>(`${this.base}/outbox`, { params: toParams(query) });
  }

  retryOutbox(id: string): Observable<void> {
    return this.http.post<void>(`${this.base}/outbox/${encodeURIComponent(id)}/retry`, {});
  }

  mailboxStatus(): Observable<MailboxStatusDto> {
    return this.http.get<MailboxStatusDto>(`${this.base}/mailbox/status`);
  }

  mailbox(query: { limit?: number; offset?: number } = {}): Observable<MailboxListDto> {
    return this.http.get<MailboxListDto>(`${this.base}/mailbox`, { params: toParams(query) });
  }

  mailboxMessage(id: string): Observable<MailboxMessageDto> {
    return this.http.get<MailboxMessageDto>(`${this.base}/mailbox/${encodeURIComponent(id)}`);
  }

  private get base(): string {
    return `${this.baseUrl}/notifications`;
  }
}
