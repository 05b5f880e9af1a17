import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { AlertKind, Severity } from '@kpi/domain';
import { AlertSubscriptionDto, DigestFrequencyOption, SaveAlertSubscriptionRequest } from '@kpi/contracts';
import { AlertSettingsStore, KpisStore, ProvidersStore } from '@kpi/web-data-access';
import { EmptyStateComponent, ErrorPanelComponent, formatDateTime, LoadingIndicatorComponent, Translator } from '@kpi/web-ui';
import { COMMON_TIME_ZONES, HOURS, KIND_OPTIONS, SEVERITY_OPTIONS, WEEKDAYS } from './alerts.constants';

/** "My alerts": what I am told about and how (subscriptions), my time zone and quiet hours, and mute windows. */
@Component({
  selector: 'kpi-alerts-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, EmptyStateComponent, ErrorPanelComponent, LoadingIndicatorComponent],
  providers: [AlertSettingsStore],
  templateUrl: './alerts.page.html',
  styleUrl: './alerts.page.css',
})
export class AlertsPage implements OnInit {
  protected readonly store = inject(AlertSettingsStore);
  private readonly translator = inject(Translator);
  private readonly providersStore = inject(ProvidersStore);
  private readonly kpisStore = inject(KpisStore);

  protected readonly providers = this.providersStore.providers;
  protected readonly kpis = this.kpisStore.definitions;
  protected readonly kindOptions = KIND_OPTIONS;
  protected readonly severityOptions = SEVERITY_OPTIONS;
  protected readonly hours = HOURS;
  protected readonly weekdays = WEEKDAYS;
  protected readonly timeZones = COMMON_TIME_ZONES;
  protected readonly formatDateTime = formatDateTime;
  protected readonly sites = computed(() =>
    this.providers().flatMap((p) => p.sites.map((s) => ({ id: s.id, label: `${p.code} · ${s.city}` }))),
  );
  protected readonly providerName = computed(() => new Map(this.providers().map((p) => [p.id, p.name])));
  protected readonly siteName = computed(() => new Map(this.sites().map((s) => [s.id, s.label])));

  /** The subscription being edited: null = none, 'new' = a new one. */
  protected readonly editing = signal<AlertSubscriptionDto | 'new' | null>(null);
  protected readonly editingValue = computed(() => {
    const editing = this.editing();
    return editing === 'new' || editing === null ? null : editing;
  });
  protected readonly addingMute = signal(false);

  ngOnInit(): void {
    this.providersStore.load();
    this.kpisStore.ensureLoaded();
    this.store.load();
  }

  protected has(list: readonly string[] | undefined, value: string): boolean {
    return list?.includes(value) ?? false;
  }

  protected saveSubscription(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const request: SaveAlertSubscriptionRequest = {
      name: String(data.get('name') ?? '').trim(),
      providerIds: data.getAll('providerIds').map(String),
      siteIds: data.getAll('siteIds').map(String),
      kpiCodes: data.getAll('kpiCodes').map(String),
      kinds: data.getAll('kinds').map(String) as AlertKind[],
      minSeverity: String(data.get('minSeverity')) as Severity,
      immediate: data.get('immediate') === 'on',
      immediateMinSeverity: String(data.get('immediateMinSeverity')) as Severity,
      digest: String(data.get('digest')) as DigestFrequencyOption,
      digestHour: Number(data.get('digestHour')),
      digestWeekday: Number(data.get('digestWeekday')),
      enabled: data.get('enabled') === 'on',
    };
    this.store.saveSubscription(this.editingValue()?.id ?? null, request, () => this.editing.set(null));
  }

  protected saveSettings(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const hour = (name: string) => (data.get(name) === '' ? null : Number(data.get(name)));
    this.store.saveSettings({
      timeZone: String(data.get('timeZone') ?? '').trim(),
      quietHoursStart: hour('quietHoursStart'),
      quietHoursEnd: hour('quietHoursEnd'),
    });
  }

  protected addMute(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const optional = (name: string) => String(data.get(name) ?? '') || undefined;
    const instant = (name: string) => new Date(String(data.get(name))).toISOString();
    this.store.addMuteWindow(
      {
        providerId: optional('providerId'),
        siteId: optional('siteId'),
        kpiCode: optional('kpiCode'),
        startsAt: instant('startsAt'),
        endsAt: instant('endsAt'),
        reason: String(data.get('reason') ?? '').trim(),
      },
      () => this.addingMute.set(false),
    );
  }

  protected kpiName(code: string | null): string {
    return code ? this.kpisStore.definitionFor(code).name : this.translator.t('alerts.mutes.allKpis');
  }
}
