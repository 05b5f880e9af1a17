import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import type { AlertKind, Severity } from '@kpi/domain';
import { EscalationResponsivenessDto, EscalationStatusFilter } from '@kpi/contracts';
import { AuthStore, EscalationQueueStore, EscalationsApi, Loadable, ProvidersStore, toApiError } from '@kpi/web-data-access';
import {
  ALERT_KIND_LABELS,
  describeDue,
  EmptyStateComponent,
  ErrorPanelComponent,
  EscalationStatusBadgeComponent,
  formatDateTime,
  formatMinutes,
  LoadingIndicatorComponent,
  SeverityBadgeComponent,
} from '@kpi/web-ui';
import { KIND_FILTER_OPTIONS, NEW_ESCALATION_SEVERITIES, SEVERITY_FILTER_OPTIONS, STATUS_FILTER_OPTIONS } from './escalations.constants';

/** The escalation queue: filters, overdue first, each with its deadline; responsiveness per provider; new escalation. */
@Component({
  selector: 'kpi-escalations-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, EmptyStateComponent, ErrorPanelComponent, EscalationStatusBadgeComponent, LoadingIndicatorComponent, SeverityBadgeComponent],
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
  private readonly responsivenessState = new Loadable<EscalationResponsivenessDto[]>();

  protected readonly statusOptions = STATUS_FILTER_OPTIONS;
  protected readonly severityOptions = SEVERITY_FILTER_OPTIONS;
  protected readonly kindOptions = KIND_FILTER_OPTIONS;
  protected readonly newSeverities = NEW_ESCALATION_SEVERITIES;
  protected readonly providers = this.providersStore.providers;
  protected readonly formatMinutes = formatMinutes;
  protected readonly canOpen = computed(() => ['admin', 'account_manager'].includes(this.auth.user()?.role ?? ''));
  protected readonly responsiveness = this.responsivenessState.data;

  protected readonly rows = computed(() => {
    const now = new Date();
    return this.queue.items().map((e) => {
      const deadline = e.ackDueAt ?? e.resolveDueAt;
      return {
        ...e,
        kindLabel: ALERT_KIND_LABELS[e.kind],
        levelLabel: `${e.level} · ${e.levelName ?? 'Level ' + e.level}`,
        due: describeDue(deadline, now),
        dueKind: e.ackDueAt ? 'Acknowledge' : e.resolveDueAt ? 'Resolve' : null,
        opened: formatDateTime(e.openedAt),
      };
    });
  });

  protected readonly creating = signal(false);
  protected readonly createPending = signal(false);
  protected readonly createError = signal<string | null>(null);

  ngOnInit(): void {
    this.providersStore.load();
    this.queue.load();
    this.responsivenessState.load(this.api.responsiveness());
  }

  protected onStatus(event: Event): void {
    this.queue.setFilters({ status: value(event) as EscalationStatusFilter });
  }

  protected onProvider(event: Event): void {
    this.queue.setFilters({ providerId: value(event) || undefined });
  }

  protected onSeverity(event: Event): void {
    this.queue.setFilters({ severity: (value(event) || undefined) as Severity | undefined });
  }

  protected onKind(event: Event): void {
    this.queue.setFilters({ kind: (value(event) || undefined) as AlertKind | undefined });
  }

  protected onToggle(name: 'overdue' | 'mine', event: Event): void {
    this.queue.setFilters({ [name]: (event.target as HTMLInputElement).checked || undefined });
  }

  protected create(event: SubmitEvent): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const providerId = String(form.get('providerId') ?? '');
    const title = String(form.get('title') ?? '').trim();
    if (!providerId || title.length < 3) {
      this.createError.set('Choose a provider and give a title of at least 3 characters.');
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
