import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { ContractCreditsDto } from '@kpi/contracts';
import { formatMoney, formatMonth } from './sla-format';

const STATUS_LABELS: Record<string, string> = {
  no_contract: 'No contract',
  no_credit: 'No credit',
  pending: 'Pending earn-back',
  final: 'Owed',
};

/** Service credits per month: totals, cap, earn-back and chronic flags, and the calculation spelled out. */
@Component({
  selector: 'kpi-sla-credits',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @for (contract of rows(); track contract.contractId) {
      <div class="kpi-credits__wrap" tabindex="0" role="region" [attr.aria-label]="'Service credits of ' + contract.contractName">
        <table class="kpi-credits" data-testid="credits-table">
          <caption>{{ contract.contractName }}</caption>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col">Status</th>
              <th scope="col" class="kpi-credits__num">At-risk amount</th>
              <th scope="col" class="kpi-credits__num">Credits</th>
              <th scope="col" class="kpi-credits__num">Payable</th>
              <th scope="col">How it is calculated</th>
            </tr>
          </thead>
          <tbody>
            @for (month of contract.months; track month.month) {
              <tr data-testid="credits-row" [attr.data-month]="month.month" [attr.data-status]="month.status" [class.kpi-credits__owed]="month.payable > 0">
                <th scope="row">
                  {{ month.label }}
                  @if (month.provisional) {
                    <span class="kpi-credits__tag">provisional</span>
                  }
                  @if (month.chronic) {
                    <span class="kpi-credits__tag kpi-credits__tag--bad" data-testid="chronic-failure">chronic failure</span>
                  }
                </th>
                <td>{{ month.statusLabel }}</td>
                <td class="kpi-credits__num">{{ month.atRisk }}</td>
                <td class="kpi-credits__num">
                  {{ month.capped }}
                  @if (month.capApplied) {
                    <span class="kpi-credits__tag">capped</span>
                  }
                </td>
                <td class="kpi-credits__num" data-testid="credits-payable">{{ month.payableText }}</td>
                <td>
                  @if (month.lines.length > 0) {
                    <ul class="kpi-credits__lines">
                      @for (line of month.lines; track line.name) {
                        <li>{{ line.name }}: {{ line.amount }} <span class="kpi-credits__muted">({{ line.settlement }})</span></li>
                      }
                    </ul>
                  }
                  <details class="kpi-credits__details">
                    <summary>Calculation</summary>
                    <pre data-testid="credits-explanation">{{ month.explanation }}</pre>
                  </details>
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    }
  `,
  styles: `
    .kpi-credits__wrap {
      overflow-x: auto;
    }
    .kpi-credits__wrap + .kpi-credits__wrap {
      margin-top: 1.25rem;
    }
    .kpi-credits {
      width: 100%;
      border-collapse: collapse;
      font-size: 0.875rem;
    }
    .kpi-credits caption {
      text-align: left;
      font-weight: 600;
      padding-bottom: 0.5rem;
    }
    .kpi-credits th,
    .kpi-credits td {
      padding: 0.5rem 0.6rem;
      border-bottom: 1px solid var(--kpi-color-border, #d9e2ec);
      text-align: left;
      vertical-align: top;
    }
    .kpi-credits thead th {
      font-size: 0.75rem;
      text-transform: uppercase;
      letter-spacing: 0.03em;
      color: var(--kpi-color-muted, #52606d);
    }
    .kpi-credits__num {
      text-align: right !important;
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
    .kpi-credits__owed td[data-testid='credits-payable'] {
      color: var(--kpi-color-bad, #b3261e);
      font-weight: 700;
    }
    .kpi-credits__tag {
      display: inline-block;
      margin-left: 0.35rem;
      padding: 0 0.35rem;
      font-size: 0.7rem;
      border: 1px solid var(--kpi-color-border-strong, #9aa5b1);
      border-radius: 4px;
      color: var(--kpi-color-muted, #52606d);
    }
    .kpi-credits__tag--bad {
      color: var(--kpi-color-bad, #b3261e);
      border-color: var(--kpi-color-bad, #b3261e);
    }
    .kpi-credits__lines {
      margin: 0 0 0.25rem;
      padding-left: 1.1rem;
    }
    .kpi-credits__muted {
      color: var(--kpi-color-muted, #52606d);
    }
    .kpi-credits__details pre {
      margin: 0.4rem 0 0;
      white-space: pre-wrap;
      font-size: 0.78rem;
      line-height: 1.45;
    }
  `,
})
export class SlaCreditsComponent {
  readonly contracts = input.required<readonly ContractCreditsDto[]>();

  protected readonly rows = computed(() =>
    this.contracts().map((contract) => ({
      contractId: contract.contractId,
      contractName: contract.contractName,
      months: [...contract.months].reverse().map((month) => ({
        month: month.month,
        label: formatMonth(month.month),
        status: month.status,
        statusLabel: STATUS_LABELS[month.status] ?? month.status,
        provisional: month.provisional,
        chronic: month.chronicFailure,
        atRisk: month.currency ? formatMoney(month.atRiskAmount, month.currency) : '–',
        capped: month.lines.length > 0 ? formatMoney(month.totalCapped, month.currency) : '–',
        capApplied: month.capApplied,
        payable: month.totalPayable,
        payableText: month.lines.length > 0 ? formatMoney(month.totalPayable, month.currency) : '–',
        lines: month.lines.map((line) => ({
          name: line.serviceLevelName,
          amount: formatMoney(line.payableAmount, line.currency),
          settlement:
            line.settlement === 'earned_back' ? 'earned back' : line.settlement === 'pending' ? 'pending earn-back' : 'owed',
        })),
        explanation: month.explanation,
      })),
    })),
  );
}
