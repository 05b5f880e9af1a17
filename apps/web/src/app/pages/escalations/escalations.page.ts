import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { ALERT_KINDS, SEVERITIES, type AlertKind, type Severity } from '@kpi/domain';
import { EscalationResponsivenessDto, EscalationStatusFilter, EscalationSummaryDto } from '@kpi/contracts';
import { AuthStore, EscalationQueueFilters, EscalationQueueStore, EscalationsApi, Loadable, ProvidersStore, toApiError } from '@kpi/web-data-access';
import {
  alertKindLabel,
  CsvExportComponent,
  describeDue,
  EmptyStateComponent,
  ErrorPanelComponent,
  EscalationStatusBadgeComponent,
  escalationStatusLabel,
  formatDateTime,
  formatMinutes,
  LoadingIndicatorComponent,
  SeverityBadgeComponent,
  severityLabel,
  SortableTable,
  SortHeaderComponent,
  Translate,
  Translator,
} from '@kpi/web-ui';
import { choiceField, flagField, QueryFields, textField } from '../../core/query-filters';
import { injectUrlFilters } from '../../core/url-filters';
import { SEVERITY_FILTERS, STATUS_FILTERS } from './escalations.constants';

/** The queue filters as they appear in the URL (`?status=all&overdue=true`). */
interface QueueUrlFilters {
  readonly status: EscalationStatusFilter | null;
  readonly providerId: string | null;
  readonly severity: Severity | null;
  readonly kind: AlertKind | null;
  readonly overdue: boolean;
  readonly mine: boolean;
}

const QUEUE_FILTER_FIELDS: QueryFields<QueueUrlFilters> = {
  status: choiceField(STATUS_FILTERS, 'active'),
  providerId: textField(),
  severity: choiceField(SEVERITIES),
  kind: choiceField(ALERT_KINDS),
  overdue: flagField(),
  mine: flagField(),
};

function toStoreFilters(f: QueueUrlFilters): EscalationQueueFilters {
  return {
    status: f.status ?? 'active',
    providerId: f.providerId ?? undefined,
    severity: f.severity ?? undefined,
    kind: f.kind ?? undefined,
    overdue: f.overdue || undefined,
    mine: f.mine || undefined,
  };
}

function toUrlFilters(f: EscalationQueueFilters): QueueUrlFilters {
  return {
    status: f.status,
    providerId: f.providerId ?? null,
    severity: f.severity ?? null,
    kind: f.kind ?? null,
    overdue: f.overdue === true,
    mine: f.mine === true,
  };
}

interface QueueRow extends EscalationSummaryDto {
  readonly kindLabel: string;
  readonly levelLabel: string;
  readonly due: { text: string; overdue: boolean } | null;
  readonly dueText: string | null;
  readonly deadline: string | null;
  readonly opened: string;
}

/** The escalation queue: filters, overdue first, each with its deadline; responsiveness per provider; new escalation. */
@Component({
  selector: 'kpi-escalations-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    TranslocoPipe,
    CsvExportComponent,
    EmptyStateComponent,
    ErrorPanelComponent,
    EscalationStatusBadgeComponent,
    LoadingIndicatorComponent,
    SeverityBadgeComponent,
    SortHeaderComponent,
  ],
  providers: [EscalationQueueStore],
  templateUrl: './escalations.page.html',
  styleUrl: './escalations.page.css',
})
export class EscalationsPage implements OnInit {
  protected readonly queue = inject(EscalationQueueStore);
  private readonly providersStore = inject(ProvidersStore);
  private readonly auth = inject(AuthStore);
  private readonly api = inject(EscalationsApi);
  private readonly router = inject(Router);
  private readonly translator = inject(Translator);
  private readonly t: Translate = (key, params) => this.translator.t(key, params);
  private readonly urlFilters = injectUrlFilters(QUEUE_FILTER_FIELDS);
  private readonly responsivenessState = new Loadable<EscalationResponsivenessDto[]>();

  protected readonly statusOptions = STATUS_FILTERS;
  protected readonly severityOptions = SEVERITY_FILTERS;
  protected readonly kindOptions = ALERT_KINDS;
  protected readonly newSeverities = SEVERITIES;
  protected readonly providers = this.providersStore.providers;
  protected readonly canOpen = computed(() => ['admin', 'account_manager'].includes(this.auth.user()?.role ?? ''));
  protected readonly responsiveness = computed(() => this.responsivenessState.data() ?? []);
  protected readonly responsivenessLoaded = computed(() => !!this.responsivenessState.data());

  protected readonly rows = computed<QueueRow[]>(() => {
    const now = new Date();
    return this.queue.items().map((e) => {
      const deadline = e.ackDueAt ?? e.resolveDueAt;
      const due = describeDue(deadline, now, this.t);
      const dueKey = e.ackDueAt ? 'escalations.queue.dueAcknowledge' : 'escalations.queue.dueResolve';
      return {
        ...e,
        kindLabel: alertKindLabel(e.kind, this.t),
        levelLabel: `${e.level} · ${e.levelName ?? this.t('escalations.queue.level', { level: e.level })}`,
        due,
        dueText: due ? this.t(dueKey, { due: due.text }) : null,
        deadline: deadline ?? null,
        opened: formatDateTime(e.openedAt),
      };
    });
  });

  private readonly severityRank = (severity: Severity) => SEVERITIES.indexOf(severity);
  protected readonly table = new SortableTable<QueueRow>(
    [
      { key: 'escalation', header: () => this.t('escalations.queue.columns.escalation'), value: (r) => `${r.reference} · ${r.title}`, sortValue: (r) => r.reference },
      { key: 'source', header: () => this.t('escalations.queue.columns.source'), value: (r) => r.kindLabel },
      { key: 'provider', header: () => this.t('escalations.queue.columns.provider'), value: (r) => r.providerName },
      {
        key: 'severity',
        header: () => this.t('escalations.queue.columns.severity'),
        value: (r) => severityLabel(r.severity, this.t),
        sortValue: (r) => this.severityRank(r.severity),
      },
      { key: 'status', header: () => this.t('escalations.queue.columns.status'), value: (r) => escalationStatusLabel(r.status, this.t) },
      { key: 'level', header: () => this.t('escalations.queue.columns.level'), value: (r) => r.level },
      { key: 'deadline', header: () => this.t('escalations.queue.columns.nextDeadline'), value: (r) => r.deadline, sortValue: (r) => r.deadline },
      { key: 'owner', header: () => this.t('escalations.queue.columns.owner'), value: (r) => r.ownerName },
      { key: 'opened', header: () => this.t('escalations.queue.columns.opened'), value: (r) => r.openedAt },
    ],
    this.rows,
  );
  protected readonly responsivenessTable = new SortableTable<EscalationResponsivenessDto>(
    [
      { key: 'provider', header: () => this.t('escalations.responsiveness.columns.provider'), value: (r) => r.providerName },
      { key: 'escalations', header: () => this.t('escalations.responsiveness.columns.escalations'), value: (r) => r.escalations },
      { key: 'acknowledgedInTime', header: () => this.t('escalations.responsiveness.columns.acknowledgedInTime'), value: (r) => r.acknowledgedWithinTarget },
      { key: 'medianAcknowledge', header: () => this.t('escalations.responsiveness.columns.medianAcknowledge'), value: (r) => r.medianMinutesToAcknowledge },
      { key: 'resolvedInTime', header: () => this.t('escalations.responsiveness.columns.resolvedInTime'), value: (r) => r.resolvedWithinTarget },
      { key: 'medianResolve', header: () => this.t('escalations.responsiveness.columns.medianResolve'), value: (r) => r.medianMinutesToResolve },
      { key: 'openNow', header: () => this.t('escalations.responsiveness.columns.openOverdue'), value: (r) => r.openNow },
    ],
    this.responsiveness,
  );

  protected readonly creating = signal(false);
  protected readonly createPending = signal(false);
  protected readonly createError = signal<string | null>(null);

  ngOnInit(): void {
    this.providersStore.load();
    this.queue.setFilters(toStoreFilters(this.urlFilters.read()));
    this.responsivenessState.load(this.api.responsiveness());
  }

  protected formatMinutes(minutes: number | null): string {
    return formatMinutes(minutes, this.t);
  }

  protected onStatus(event: Event): void {
    this.change({ status: value(event) as EscalationStatusFilter });
  }

  protected onProvider(event: Event): void {
    this.change({ providerId: value(event) || undefined });
  }

  protected onSeverity(event: Event): void {
    this.change({ severity: (value(event) || undefined) as Severity | undefined });
  }

  protected onKind(event: Event): void {
    this.change({ kind: (value(event) || undefined) as AlertKind | undefined });
  }

  protected onToggle(name: 'overdue' | 'mine', event: Event): void {
    this.change({ [name]: (event.target as HTMLInputElement).checked || undefined });
  }

  private change(filters: Partial<EscalationQueueFilters>): void {
    this.queue.setFilters(filters);
    this.urlFilters.write(toUrlFilters(this.queue.filters()));
  }

  protected create(event: SubmitEvent): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const providerId = String(form.get('providerId') ?? '');
    const title = String(form.get('title') ?? '').trim();
    if (!providerId || title.length < 3) {
      this.createError.set(this.t('escalations.create.invalid'));
      return;
    }
    this.createPending.set(true);
    this.createError.set(null);
    this.api
      .create({
        providerId,
        title,
        severity: String(form.get('severity')) as Severity,
        summary: String(form.get('summary') ?? '').trim() || undefined,
      })
      .subscribe({
        next: (created) => {
          this.createPending.set(false);
          this.creating.set(false);
          void this.router.navigate(['/escalations', created.id]);
        },
        error: (error: unknown) => {
          this.createPending.set(false);
          this.createError.set(toApiError(error).message);
        },
      });
  }
}

function value(event: Event): string {
  return (event.target as HTMLSelectElement).value;
}
