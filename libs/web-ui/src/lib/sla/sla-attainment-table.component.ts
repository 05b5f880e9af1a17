import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { ContractAttainmentDto } from '@kpi/contracts';
import { formatKpiValue } from '@kpi/domain';
import { formatIsoDate } from '../format/date-format';
import { KpiDisplay } from '../kpi-display';
import { AttainmentBadgeComponent } from './attainment-badge.component';
import { attainmentCells, formatMargin, formatMonth, formatSlaLevel } from './sla-format';

const MEASUREMENT_LABELS: Record<string, string> = { daily: 'daily', weekly: 'weekly', monthly: 'monthly', quarterly: 'quarterly' };

/**
 * Service-level attainment by month: one row per service level, one column per month. A cell shows the
 * status badge, the measured value against target and minimum, the margin, and a flag for exclusions.
 */
@Component({
  selector: 'kpi-sla-attainment-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AttainmentBadgeComponent],
  template: `
    @for (contract of rows(); track contract.contractId) {
      <div class="kpi-sla-table__wrap" tabindex="0" role="region" [attr.aria-label]="'Attainment of ' + contract.contractName">
        <table class="kpi-sla-table" data-testid="sla-attainment-table">
          <caption>
            {{ contract.contractName }}
          </caption>
          <thead>
            <tr>
              <th scope="col">Service level</th>
              @for (month of months(); track month) {
                <th scope="col" class="kpi-sla-table__month">{{ monthLabel(month) }}</th>
              }
            </tr>
          </thead>
          <tbody>
            @for (row of contract.levels; track row.id) {
              <tr data-testid="sla-attainment-row" [attr.data-service-level]="row.name">
                <th scope="row">
                  <span class="kpi-sla-table__name">{{ row.name }}</span>
                  <span class="kpi-sla-table__meta">
                    {{ row.scope }} · {{ row.period }} ·
                    <span [class.kpi-sla-table__critical]="row.critical">{{ row.critical ? 'critical' : 'key measurement' }}</span>
                  </span>
                </th>
                @for (cell of row.cells; track cell.month) {
                  <td data-testid="sla-attainment-cell" [attr.data-month]="cell.month" [attr.data-status]="cell.status ?? 'none'">
                    @if (cell.status) {
                      <kpi-attainment-badge [status]="cell.status" [final]="cell.final" />
                      @if (cell.detail) {
                        <span class="kpi-sla-table__value">{{ cell.detail }}</span>
                      }
                      @if (cell.levels) {
                        <span class="kpi-sla-table__levels">{{ cell.levels }}</span>
                      }
                      @if (cell.exclusions) {
                        <span class="kpi-sla-table__excluded" data-testid="sla-exclusion-flag" [attr.title]="cell.exclusions">
                          ⚑ exclusion applied<span class="kpi-sla-table__hidden">: {{ cell.exclusions }}</span>
                        </span>
                      }
                    } @else {
                      <span class="kpi-sla-table__none">–</span>
                    }
                  </td>
                }
              </tr>
            }
          </tbody>
        </table>
      </div>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .kpi-sla-table__wrap {
      overflow-x: auto;
    }
    .kpi-sla-table__wrap + .kpi-sla-table__wrap {
      margin-top: 1.25rem;
    }
    .kpi-sla-table {
      width: 100%;
      border-collapse: collapse;
      font-size: 0.875rem;
    }
    .kpi-sla-table caption {
      text-align: left;
      font-weight: 600;
      padding-bottom: 0.5rem;
    }
    .kpi-sla-table th,
    .kpi-sla-table td {
      padding: 0.5rem 0.6rem;
      border-bottom: 1px solid var(--kpi-color-border, #d9e2ec);
      text-align: left;
      vertical-align: top;
    }
    .kpi-sla-table thead th {
      font-size: 0.75rem;
      text-transform: uppercase;
      letter-spacing: 0.03em;
      color: var(--kpi-color-muted, #52606d);
    }
    .kpi-sla-table tbody th {
      font-weight: 500;
      min-width: 14rem;
    }
    .kpi-sla-table__month {
      white-space: nowrap;
    }
    .kpi-sla-table__name,
    .kpi-sla-table__meta,
    .kpi-sla-table__value,
    .kpi-sla-table__levels,
    .kpi-sla-table__excluded {
      display: block;
    }
    .kpi-sla-table__meta,
    .kpi-sla-table__levels {
      font-size: 0.75rem;
      font-weight: 400;
      color: var(--kpi-color-muted, #52606d);
    }
    .kpi-sla-table__critical {
      color: var(--kpi-color-bad, #b3261e);
    }
    .kpi-sla-table__value {
      margin-top: 0.2rem;
      font-variant-numeric: tabular-nums;
      font-weight: 600;
      white-space: nowrap;
    }
    .kpi-sla-table__levels {
      min-width: 7.5rem;
    }
    .kpi-sla-table__excluded {
      margin-top: 0.15rem;
      font-size: 0.75rem;
      color: var(--kpi-color-primary, #1d4ed8);
      cursor: help;
    }
    .kpi-sla-table__hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
    }
    .kpi-sla-table__none {
      color: var(--kpi-color-muted, #52606d);
    }
  `,
})
export class SlaAttainmentTableComponent {
  readonly contracts = input.required<readonly ContractAttainmentDto[]>();
  readonly months = input.required<readonly string[]>();
  /** How to show each KPI (unit, precision); unknown codes fall back to plain numbers. */
  readonly kpiFor = input.required<(code: string) => KpiDisplay>();

  protected readonly monthLabel = formatMonth;

  protected readonly rows = computed(() => {
    const kpiFor = this.kpiFor();
    return this.contracts().map((contract) => ({
      contractId: contract.contractId,
      contractName: contract.contractName,
      levels: contract.serviceLevels.map((level) => {
        const kpi = kpiFor(level.kpiCode);
        return {
          id: level.serviceLevelId,
          name: level.name,
          scope: level.scopeLabel,
          period: MEASUREMENT_LABELS[level.measurementPeriod] ?? level.measurementPeriod,
          critical: level.kind === 'critical',
          cells: attainmentCells(level, this.months()).map((cell) => ({
            month: cell.month,
            status: cell.status,
            final: cell.final,
            detail: cell.result
              ? `${formatKpiValue(kpi, cell.result.value)}${cell.result.margin === null ? '' : ` (${formatMargin(kpi, cell.result.margin)})`}`
              : cell.periods > 0
                ? `${cell.met} of ${cell.periods} met`
                : '',
            levels: cell.result
              ? `target ${formatSlaLevel(kpi, cell.result.target)} · min ${formatSlaLevel(kpi, cell.result.minimum)}${
                  cell.result.version !== null ? ` · v${cell.result.version}` : ''
                }`
              : '',
            exclusions: cell.exclusions
              .map((exclusion) => `${formatIsoDate(exclusion.from)}${exclusion.to !== exclusion.from ? ` – ${formatIsoDate(exclusion.to)}` : ''}: ${exclusion.reason}`)
              .join('\n'),
          })),
        };
      }),
    }));
  });
}
