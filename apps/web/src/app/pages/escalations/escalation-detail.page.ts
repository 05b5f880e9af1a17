import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { ROOT_CAUSE_CATEGORIES, type RootCauseCategory } from '@kpi/domain';
import { AuthStore, EscalationDetailStore } from '@kpi/web-data-access';
import {
  alertKindLabel,
  describeDue,
  EmptyStateComponent,
  ErrorPanelComponent,
  EscalationStatusBadgeComponent,
  EscalationTimelineComponent,
  formatDateTime,
  formatIsoDate,
  formatMinutes,
  formatRelativeChange,
  LoadingIndicatorComponent,
  rootCauseLabel,
  SeverityBadgeComponent,
  Translate,
  Translator,
} from '@kpi/web-ui';
import { APP_NAME } from '../../core/page-title.strategy';

/** One escalation: what it is about, its deadlines, linked source events, the action plan, the timeline, and the actions. */
@Component({
  selector: 'kpi-escalation-detail-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    TranslocoPipe,
    EmptyStateComponent,
    ErrorPanelComponent,
    EscalationStatusBadgeComponent,
    EscalationTimelineComponent,
    LoadingIndicatorComponent,
    SeverityBadgeComponent,
  ],
  providers: [EscalationDetailStore],
  templateUrl: './escalation-detail.page.html',
  styleUrl: './escalation-detail.page.css',
})
export class EscalationDetailPage {
  protected readonly store = inject(EscalationDetailStore);
  private readonly auth = inject(AuthStore);
  private readonly title = inject(Title);
  private readonly translator = inject(Translator);
  private readonly t: Translate = (key, params) => this.translator.t(key, params);

  /** Bound from the `:id` route parameter. */
  readonly id = input.required<string>();

  protected readonly e = this.store.escalation;
  protected readonly can = this.store.can;
  protected readonly rootCauses = computed(() => ROOT_CAUSE_CATEGORIES.map((value) => ({ value, label: rootCauseLabel(value, this.t) })));
  protected readonly formatDateTime = formatDateTime;
  protected readonly formatIsoDate = formatIsoDate;
  protected readonly formatRelativeChange = formatRelativeChange;
  protected readonly kindLabel = computed(() => {
    const e = this.e();
    return e ? alertKindLabel(e.kind, this.t) : '';
  });
  protected readonly deadlines = computed(() => {
    const e = this.e();
    if (!e) return null;
    const now = new Date();
    return { ack: describeDue(e.ackDueAt, now, this.t), resolve: describeDue(e.resolveDueAt, now, this.t) };
  });
  protected readonly rootCauseLabel = computed(() => {
    const cause = this.e()?.rootCauseCategory;
    return cause ? rootCauseLabel(cause, this.t) : '';
  });
  protected readonly isOwner = computed(() => this.e()?.ownerUserId === this.auth.user()?.id);

  /** Which form is open: the action plan, resolve or reopen. */
  protected readonly form = signal<'plan' | 'resolve' | 'reopen' | null>(null);

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.store.open(id));
    });
    effect(() => {
      const e = this.e();
      if (e) this.title.setTitle(`${e.reference} · ${APP_NAME}`);
    });
  }

  protected formatMinutes(minutes: number | null): string {
    return formatMinutes(minutes, this.t);
  }

  protected acknowledge(): void {
    this.store.run('acknowledge', (api, id) => api.acknowledge(id, {}));
  }

  protected agree(): void {
    this.store.run('agree', (api, id) => api.agreeActionPlan(id, {}));
  }

  protected close(): void {
    this.store.run('close', (api, id) => api.close(id, {}));
  }

  protected escalate(): void {
    this.store.run('escalate', (api, id) => api.escalate(id, {}));
  }

  protected assignToMe(): void {
    const me = this.auth.user()?.id;
    if (me) this.store.run('assign', (api, id) => api.assign(id, { ownerUserId: me }));
  }

  protected submitPlan(event: SubmitEvent): void {
    event.preventDefault();
    const formElement = event.target as HTMLFormElement;
    const data = new FormData(formElement);
    const plan = String(data.get('plan') ?? '').trim();
    const dueDate = String(data.get('dueDate') ?? '') || undefined;
    if (!plan) return;
    this.store.run('plan', (api, id) => api.proposeActionPlan(id, { plan, dueDate }), () => {
      formElement.reset();
      this.form.set(null);
    });
  }

  protected submitResolve(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const rootCauseCategory = String(data.get('rootCause') ?? '') as RootCauseCategory;
    const correctiveAction = String(data.get('correctiveAction') ?? '').trim();
    this.store.run('resolve', (api, id) => api.resolve(id, { rootCauseCategory, correctiveAction }), () => this.form.set(null));
  }

  protected submitReopen(event: SubmitEvent): void {
    event.preventDefault();
    const reason = String(new FormData(event.target as HTMLFormElement).get('reason') ?? '').trim();
    this.store.run('reopen', (api, id) => api.reopen(id, { reason }), () => this.form.set(null));
  }

  protected submitComment(event: SubmitEvent): void {
    event.preventDefault();
    const formElement = event.target as HTMLFormElement;
    const text = String(new FormData(formElement).get('text') ?? '').trim();
    if (!text) return;
    this.store.run('comment', (api, id) => api.comment(id, { text }), () => formElement.reset());
  }
}
