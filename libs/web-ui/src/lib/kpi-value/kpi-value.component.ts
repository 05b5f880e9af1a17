import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { formatKpiValue } from '@kpi/domain';
import { KpiDisplay } from '../kpi-display';
import { compareKpiValues, KPI_CHANGE_ARROWS } from './kpi-change';

/**
 * A KPI value formatted with its unit, plus an arrow against the previous window: green when the change is good
 * for the KPI's direction, red when bad, grey for band KPIs and unchanged values. The change is also spelled out
 * for screen readers, and exposed as `data-trend` / `data-tone` on the host.
 */
@Component({
  selector: 'kpi-value',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    class: 'kpi-value',
    '[attr.data-trend]': 'change().direction',
    '[attr.data-tone]': 'change().tone',
  },
  template: `
    <span class="kpi-value__number">{{ formatted() }}</span>
    @if (change().direction !== 'none') {
      <span [class]="'kpi-value__arrow kpi-value__arrow--' + change().tone" aria-hidden="true">{{
        arrow()
      }}</span>
      <span class="kpi-visually-hidden">{{ spokenChange() }}</span>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      align-items: baseline;
      gap: 0.35em;
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
    .kpi-value__number {
      font-weight: 600;
    }
    .kpi-value__arrow {
      font-size: 0.8em;
    }
    .kpi-value__arrow--good {
      color: var(--kpi-color-good, #137333);
    }
    .kpi-value__arrow--bad {
      color: var(--kpi-color-bad, #b3261e);
    }
    .kpi-value__arrow--neutral {
      color: var(--kpi-color-neutral, #52606d);
    }
    .kpi-visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      margin: -1px;
      padding: 0;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
      border: 0;
    }
  `,
})
export class KpiValueComponent {
  readonly kpi = input.required<KpiDisplay>();
  readonly value = input<number | null>(null);
  readonly previousValue = input<number | null>(null);

  protected readonly formatted = computed(() => formatKpiValue(this.kpi(), this.value()));
  protected readonly change = computed(() => compareKpiValues(this.kpi(), this.value(), this.previousValue()));
  protected readonly arrow = computed(() => KPI_CHANGE_ARROWS[this.change().direction]);
  protected readonly spokenChange = computed(() => {
    const { direction, tone } = this.change();
    const previous = formatKpiValue(this.kpi(), this.previousValue());
    const verdict = tone === 'good' ? ', better' : tone === 'bad' ? ', worse' : '';
    if (direction === 'flat') return `(unchanged from ${previous})`;
    return `(${direction} from ${previous}${verdict})`;
  });
}
