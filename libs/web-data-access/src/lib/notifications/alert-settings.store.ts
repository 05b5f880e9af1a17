import { DestroyRef, inject, Injectable, signal } from '@angular/core';
import {
  AlertSubscriptionDto,
  CreateMuteWindowRequest,
  MuteWindowDto,
  NotificationSettingsDto,
  SaveAlertSubscriptionRequest,
  SaveNotificationSettingsRequest,
} from '@kpi/contracts';
import { Observable, Subscription } from 'rxjs';
import { ApiError, toApiError } from '../core/api-error';
import { Loadable } from '../core/loadable';
import { NotificationsApi } from './notifications.api';

/** "My alerts": subscriptions, time zone and quiet hours, mute windows. Provide it in the page. */
@Injectable()
export class AlertSettingsStore {
  private readonly api = inject(NotificationsApi);
  private readonly subscriptionsState = new Loadable<AlertSubscriptionDto[]>();
  private readonly settingsState = new Loadable<NotificationSettingsDto>();
  private readonly muteState = new Loadable<MuteWindowDto[]>();
  private saving: Subscription | null = null;

  readonly subscriptions = this.subscriptionsState.data;
  readonly subscriptionsStatus = this.subscriptionsState.status;
  readonly subscriptionsError = this.subscriptionsState.error;
  readonly settings = this.settingsState.data;
  readonly settingsStatus = this.settingsState.status;
  readonly muteWindows = this.muteState.data;
  readonly muteStatus = this.muteState.status;
  readonly muteError = this.muteState.error;
  /** The save in progress, and the last save's error or confirmation. */
  readonly pending = signal<string | null>(null);
  readonly saveError = signal<ApiError | null>(null);
  readonly notice = signal<string | null>(null);

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.subscriptionsState.cancel();
      this.settingsState.cancel();
      this.muteState.cancel();
      this.saving?.unsubscribe();
    });
  }

  load(): void {
    this.subscriptionsState.load(this.api.subscriptions());
    this.settingsState.load(this.api.settings());
    this.muteState.load(this.api.muteWindows());
  }

  saveSubscription(id: string | null, request: SaveAlertSubscriptionRequest, done?: () => void): void {
    const call = id ? this.api.updateSubscription(id, request) : this.api.createSubscription(request);
    this.save('subscription', call, () => {
      this.subscriptionsState.load(this.api.subscriptions());
      this.notice.set(id ? 'Subscription saved.' : 'Subscription created.');
      done?.();
    });
  }

  deleteSubscription(id: string): void {
    this.save('delete', this.api.deleteSubscription(id), () => this.subscriptionsState.load(this.api.subscriptions()));
  }

  sendDigestNow(id: string): void {
    this.save('digest', this.api.sendDigestNow(id), (result) => {
      const outcome = (result as { outcome?: string } | null)?.outcome;
      this.notice.set(outcome === 'sent' ? 'Digest queued: it will be in your mailbox in a moment.' : 'Nothing new since your last digest.');
      this.subscriptionsState.load(this.api.subscriptions());
    });
  }

  saveSettings(request: SaveNotificationSettingsRequest): void {
    this.save('settings', this.api.saveSettings(request), () => {
      this.settingsState.load(this.api.settings());
      this.notice.set('Time zone and quiet hours saved.');
    });
  }

  addMuteWindow(request: CreateMuteWindowRequest, done?: () => void): void {
    this.save('mute', this.api.addMuteWindow(request), () => {
      this.muteState.load(this.api.muteWindows());
      this.notice.set('Mute window added.');
      done?.();
    });
  }

  deleteMuteWindow(id: string): void {
    this.save('unmute', this.api.deleteMuteWindow(id), () => this.muteState.load(this.api.muteWindows()));
  }

  private save<T>(name: string, call: Observable<T>, next: (result: T | null) => void): void {
    if (this.pending()) return;
    this.pending.set(name);
    this.saveError.set(null);
    this.notice.set(null);
    this.saving = call.subscribe({
      next: (result) => {
        this.pending.set(null);
        next(result ?? null);
      },
      complete: () => {
        // DELETE answers 204 without a body: treat completion without a value as success.
        if (this.pending() === name) {
          this.pending.set(null);
          next(null);
        }
      },
      error: (error: unknown) => {
        this.pending.set(null);
        this.saveError.set(toApiError(error));
      },
    });
  }
}
