import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { Severity } from '@kpi/domain';
import { Translator } from '../i18n/translator.service';
import { severityLabel } from './escalation-labels';

/** A coloured severity label (colour plus text, never colour alone). */
@Component({
  selector: 'kpi-severity-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'kpi-severity-badge', '[attr.data-severity]': 'severity()' },
  template: `{{ label() }}`,
  styles: `
    :host {
      display: inline-block;
      padding: 0.1rem 0.5rem;
      border-radius: 999px;
      font-size: 0.8rem;
      font-weight: 600;
      white-space: nowrap;
      color: #fff;
      background: var(--kpi-color-neutral, #52606d);
    }
    :host([data-severity='medium']) {
      background: #8a6100;
    }
    :host([data-severity='high']) {
      background: #c2410c;
    }
    :host([data-severity='critical']) {
      background: var(--kpi-color-bad, #b3261e);
    }
  `,
})
export class SeverityBadgeComponent {
  private readonly translator = inject(Translator);
  readonly severity = input.required<Severity>();
  protected readonly label = computed(() => severityLabel(this.severity(), (key, params) => this.translator.t(key, params)));
}
