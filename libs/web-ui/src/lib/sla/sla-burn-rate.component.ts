import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { ServiceLevelBurnDto } from '@kpi/contracts';
import { formatKpiValue } from '@kpi/domain';
import { formatIsoDate } from '../format/date-format';
import { KpiDisplay } from '../kpi-display';
import { describeBurn, formatSlaLevel } from './sla-format';

/** The open measurement period of each service level: value so far, budget used, and the day it is lost at this pace. */
@Component({
  selector: 'kpi-sla-burn-rate',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ul class="kpi-burn">
      @for (item of rows(); track item.key) {
        <li class="kpi-burn__item" data-testid="burn-rate-item" [attr.data-status]="item.status" [attr.data-service-level]="item.name">
          <div class="kpi-burn__head">
            <span class="kpi-burn__name">{{ item.name }}</span>
            <span class="kpi-burn__meta">{{ item.scope }} · {{ item.period }}</span>
          </div>
          <div class="kpi-burn__numbers">
            <span><strong>{{ item.value }}</strong> so far</span>
            <span class="kpi-burn__meta">target {{ item.target }} · min {{ item.minimum }} · {{ item.days }}</span>
          </div>
          @if (item.fraction !== null) {
            <div class="kpi-burn__bar" role="img" [attr.aria-label]="item.fractionLabel">
              <span class="kpi-burn__fill" [class.kpi-burn__fill--over]="item.fraction > 1" [style.width.%]="item.width"></span>
            </div>
          }
          <p class="kpi-burn__message kpi-burn__message--{{ item.status }}">{{ item.targetMessage }}</p>
          @if (item.minimumMessage) {
            <p class="kpi-burn__message kpi-burn__message--{{ item.minimumStatus }}">{{ item.minimumMessage }}</p>
          }
        </li>
      }
    </ul>
  `,
  styles: `
    .kpi-burn {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr));
      gap: 0.75rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .kpi-burn__item {
      padding: 0.75rem 0.9rem;
      border: 1px solid var(--kpi-color-border, #d9e2ec);
      border-radius: var(--kpi-radius-sm, 6px);
      background: var(--kpi-color-surface-alt, #f8fafc);
      font-size: 0.875rem;
    }
    .kpi-burn__head,
    .kpi-burn__numbers {
      display: flex;
      flex-direction: column;
    }
    .kpi-burn__name {
      font-weight: 600;
    }
    .kpi-burn__meta {
      font-size: 0.75rem;
      color: var(--kpi-color-muted, #52606d);
    }
    .kpi-burn__numbers {
      margin-top: 0.4rem;
      font-variant-numeric: tabular-nums;
    }
    .kpi-burn__bar {
      height: 6px;
      margin-top: 0.5rem;
      background: #e4e9f0;
      border-radius: 3px;
      overflow: hidden;
    }
    .kpi-burn__fill {
      display: block;
      height: 100%;
      background: var(--kpi-color-primary, #1d4ed8);
    }
    .kpi-burn__fill--over {
      background: var(--kpi-color-bad, #b3261e);
    }
    .kpi-burn__message {
      margin: 0.45rem 0 0;
    }
    .kpi-burn__message--burning {
      color: var(--kpi-color-warn, #8a5300);
      font-weight: 600;
    }
    .kpi-burn__message--exhausted {
      color: var(--kpi-color-bad, #b3261e);
      font-weight: 600;
    }
    .kpi-burn__message--on_track {
      color: var(--kpi-color-good, #137333);
    }
    .kpi-burn__message--no_data,
    .kpi-burn__message--not_applicable {
      color: var(--kpi-color-muted, #52606d);
    }
  `,
})
export class SlaBurnRateComponent {
  readonly items = input.required<readonly ServiceLevelBurnDto[]>();
  readonly kpiFor = input.required<(code: string) => KpiDisplay>();

  protected readonly rows = computed(() =>
    this.items().map((item) => {
      const kpi = this.kpiFor()(item.kpiCode);
      const fraction = item.targetBurn.budgetConsumedFraction;
      const minimumMessage =
        item.minimumBurn.status === 'burning' || item.minimumBurn.status === 'exhausted'
          ? describeBurn(item.minimumBurn, 'minimum', (iso) => formatIsoDate(iso))
          : '';
      return {
        key: `${item.contractId}:${item.serviceLevelId}`,
        name: item.name,
        scope: item.scopeLabel,
        period: item.periodLabel,
        value: formatKpiValue(kpi, item.valueSoFar),
        target: formatSlaLevel(kpi, item.target),
        minimum: formatSlaLevel(kpi, item.minimum),
        days: item.dataThrough ? `day ${item.daysElapsed} of ${item.periodDays}` : 'no data yet',
        status: item.targetBurn.status,
        minimumStatus: item.minimumBurn.status,
        fraction,
        width: fraction === null ? 0 : Math.min(100, Math.max(0, fraction * 100)),
        fractionLabel: fraction === null ? '' : `${Math.round(fraction * 100)} % of the error budget used`,
        targetMessage: describeBurn(item.targetBurn, 'target', (iso) => formatIsoDate(iso)),
        minimumMessage,
      };
    }),
  );
}
