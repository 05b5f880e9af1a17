import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { SiteComparisonDto } from '@kpi/contracts';
import { formatKpiValue } from '@kpi/domain';
import { KpiDisplay } from '../kpi-display';
import { formatMargin } from './sla-format';

/** Sites (or cities) of one provider side by side: each KPI per column, best marked, difference to all together. */
@Component({
  selector: 'kpi-site-comparison',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="kpi-compare__wrap" tabindex="0" role="region" aria-label="KPIs side by side">
      <table class="kpi-compare" data-testid="site-comparison-table">
        <caption class="kpi-compare__hidden">KPIs per {{ comparison().by }}</caption>
        <thead>
          <tr>
            <th scope="col">KPI</th>
            <th scope="col" class="kpi-compare__num">All</th>
            @for (column of comparison().columns; track column.key) {
              <th scope="col" class="kpi-compare__num">{{ column.label }}</th>
            }
          </tr>
        </thead>
        <tbody>
          @for (row of rows(); track row.code) {
            <tr data-testid="site-comparison-row" [attr.data-kpi-code]="row.code">
              <th scope="row">{{ row.name }}</th>
              <td class="kpi-compare__num">{{ row.overall }}</td>
              @for (cell of row.cells; track cell.key) {
                <td class="kpi-compare__num" [class.kpi-compare__best]="cell.best" [class.kpi-compare__worst]="cell.worst">
                  {{ cell.value }}
                  @if (cell.diff) {
                    <span class="kpi-compare__diff">{{ cell.diff }}</span>
                  }
                </td>
              }
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
  styles: `
    .kpi-compare__wrap {
      overflow-x: auto;
    }
    .kpi-compare {
      width: 100%;
      border-collapse: collapse;
      font-size: 0.875rem;
    }
    .kpi-compare th,
    .kpi-compare td {
      padding: 0.45rem 0.6rem;
      border-bottom: 1px solid var(--kpi-color-border, #d9e2ec);
      text-align: left;
    }
    .kpi-compare thead th {
      font-size: 0.75rem;
      text-transform: uppercase;
      color: var(--kpi-color-muted, #52606d);
    }
    .kpi-compare tbody th {
      font-weight: 500;
    }
    .kpi-compare__num {
      text-align: right !important;
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
    }
    .kpi-compare__diff {
      display: block;
      font-size: 0.72rem;
      color: var(--kpi-color-muted, #52606d);
    }
    .kpi-compare__best {
      color: var(--kpi-color-good, #137333);
      font-weight: 600;
    }
    .kpi-compare__worst {
      color: var(--kpi-color-bad, #b3261e);
      font-weight: 600;
    }
    .kpi-compare__hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
    }
  `,
})
export class SiteComparisonComponent {
  readonly comparison = input.required<SiteComparisonDto>();
  readonly kpiFor = input.required<(code: string) => KpiDisplay>();

  protected readonly rows = computed(() =>
    this.comparison().kpis.map((kpi) => {
      const display = this.kpiFor()(kpi.kpiCode);
      const ranks = kpi.cells.map((cell) => cell.rank).filter((rank): rank is number => rank !== null);
      const worst = ranks.length > 1 ? Math.max(...ranks) : null;
      return {
        code: kpi.kpiCode,
        name: kpi.name,
        overall: formatKpiValue(display, kpi.overall),
        cells: kpi.cells.map((cell) => ({
          key: cell.key,
          value: formatKpiValue(display, cell.value),
          diff: cell.vsOverall === null || kpi.cells.length < 2 ? '' : `${formatMargin(display, cell.vsOverall)} vs all`,
          best: ranks.length > 1 && cell.rank === 1 && worst !== 1,
          worst: worst !== null && worst !== 1 && cell.rank === worst,
        })),
      };
    }),
  );
}
