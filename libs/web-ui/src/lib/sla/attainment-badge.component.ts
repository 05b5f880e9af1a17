import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { AttainmentStatus } from '@kpi/domain';
import { ATTAINMENT_STATUS_LABELS } from './sla-format';

/** Met / at risk / breached / no data, coloured, with "so far" while the period is open. */
@Component({
  selector: 'kpi-attainment-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '[class]': '"kpi-attainment-badge kpi-attainment-badge--" + status()',
    '[attr.data-status]': 'status()',
    '[attr.data-final]': 'final()',
  },
  template: `{{ label() }}@if (!final()) {<span class="kpi-attainment-badge__open"> so far</span>}`,
  styles: `
    :host {
      display: inline-block;
      padding: 0.05rem 0.5rem;
      font-size: 0.75rem;
      font-weight: 600;
      border-radius: 999px;
      border: 1px solid transparent;
      white-space: nowrap;
    }
    :host(.kpi-attainment-badge--met) {
      color: #0b5a26;
      background: #e3f4e8;
      border-color: #9fd5af;
    }
    :host(.kpi-attainment-badge--at_risk) {
      color: var(--kpi-color-warn, #8a5300);
      background: var(--kpi-color-warn-surface, #fff4e0);
      border-color: #f0c36d;
    }
    :host(.kpi-attainment-badge--breached) {
      color: #fff;
      background: var(--kpi-color-bad, #b3261e);
    }
    :host(.kpi-attainment-badge--no_data) {
      color: var(--kpi-color-muted, #52606d);
      background: #eef2f6;
      border-color: #cbd2d9;
    }
    .kpi-attainment-badge__open {
      font-weight: 400;
    }
  `,
})
export class AttainmentBadgeComponent {
  readonly status = input.required<AttainmentStatus>();
  readonly final = input<boolean>(true);
  protected readonly label = computed(() => ATTAINMENT_STATUS_LABELS[this.status()]);
}
