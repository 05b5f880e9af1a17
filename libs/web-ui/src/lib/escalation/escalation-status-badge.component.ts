import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { EscalationStatus } from '@kpi/domain';
import { Translator } from '../i18n/translator.service';
import { escalationStatusLabel } from './escalation-labels';

/** The workflow status of an escalation, with an "overdue" mark when a deadline has passed. */
@Component({
  selector: 'kpi-escalation-status-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe],
  host: { class: 'kpi-escalation-status', '[attr.data-status]': 'status()', 'data-testid': 'escalation-status' },
  template: `<span class="kpi-escalation-status__label">{{ label() }}</span>@if (overdue()) {<span class="kpi-escalation-status__overdue">{{ 'ui.overdue' | transloco }}</span>}`,
  styles: `
    :host {
      display: inline-flex;
      gap: 0.35rem;
      align-items: center;
      white-space: nowrap;
    }
    .kpi-escalation-status__label {
      padding: 0.1rem 0.5rem;
      border-radius: 999px;
      font-size: 0.8rem;
      font-weight: 600;
      background: #e4e7eb;
      color: var(--kpi-color-text, #1f2933);
    }
    :host([data-status='open']) .kpi-escalation-status__label,
    :host([data-status='reopened']) .kpi-escalation-status__label {
      background: #dbeafe;
      color: #1e3a8a;
    }
    :host([data-status='resolved']) .kpi-escalation-status__label,
    :host([data-status='closed']) .kpi-escalation-status__label {
      background: #dcfce7;
      color: #14532d;
    }
    .kpi-escalation-status__overdue {
      padding: 0.1rem 0.5rem;
      border-radius: 999px;
      font-size: 0.8rem;
      font-weight: 600;
      background: var(--kpi-color-bad-surface, #fdecea);
      color: var(--kpi-color-bad, #b3261e);
      border: 1px solid var(--kpi-color-bad-border, #f1aeb5);
    }
  `,
})
export class EscalationStatusBadgeComponent {
  private readonly translator = inject(Translator);
  readonly status = input.required<EscalationStatus>();
  readonly overdue = input<boolean>(false);
  protected readonly label = computed(() => escalationStatusLabel(this.status(), (key, params) => this.translator.t(key, params)));
}
