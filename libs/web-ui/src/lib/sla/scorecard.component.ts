import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { ProviderScorecardDto } from '@kpi/contracts';
import { formatMonth } from './sla-format';

/** A provider's 0-100 score with each component's score, weight, contribution and source. */
@Component({
  selector: 'kpi-scorecard',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="kpi-scorecard">
      <div class="kpi-scorecard__score" data-testid="scorecard-score" [attr.data-score]="view().score">
        <span class="kpi-scorecard__number">{{ view().scoreText }}</span>
        <span class="kpi-scorecard__of">/ 100</span>
        <span class="kpi-scorecard__period">{{ view().period }}</span>
      </div>
      <table class="kpi-scorecard__components">
        <caption class="kpi-scorecard__hidden">Score components</caption>
        <thead>
          <tr>
            <th scope="col">Component</th>
            <th scope="col" class="kpi-scorecard__num">Score</th>
            <th scope="col" class="kpi-scorecard__num">Weight</th>
            <th scope="col" class="kpi-scorecard__num">Points</th>
          </tr>
        </thead>
        <tbody>
          @for (component of view().components; track component.key) {
            <tr data-testid="scorecard-component" [attr.data-component]="component.key" [class.kpi-scorecard__missing]="component.missing">
              <th scope="row">
                {{ component.label }}
                <span class="kpi-scorecard__detail">{{ component.detail }}</span>
              </th>
              <td class="kpi-scorecard__num">
                {{ component.scoreText }}
                @if (!component.missing) {
                  <span class="kpi-scorecard__bar" aria-hidden="true"><span [style.width.%]="component.score"></span></span>
                }
              </td>
              <td class="kpi-scorecard__num">{{ component.weightText }}</td>
              <td class="kpi-scorecard__num">{{ component.contributionText }}</td>
            </tr>
          }
        </tbody>
      </table>
      @for (note of view().notes; track note) {
        <p class="kpi-scorecard__note" data-testid="scorecard-note">{{ note }}</p>
      }
    </div>
  `,
  styles: `
    .kpi-scorecard__score {
      display: flex;
      align-items: baseline;
      gap: 0.4rem;
      flex-wrap: wrap;
      margin-bottom: 0.75rem;
    }
    .kpi-scorecard__number {
      font-size: 2.25rem;
      font-weight: 700;
      font-variant-numeric: tabular-nums;
    }
    .kpi-scorecard__of,
    .kpi-scorecard__period,
    .kpi-scorecard__detail {
      color: var(--kpi-color-muted, #52606d);
    }
    .kpi-scorecard__period {
      margin-left: 0.5rem;
      font-size: 0.875rem;
    }
    .kpi-scorecard__components {
      width: 100%;
      border-collapse: collapse;
      font-size: 0.875rem;
    }
    .kpi-scorecard__components th,
    .kpi-scorecard__components td {
      padding: 0.45rem 0.5rem;
      border-bottom: 1px solid var(--kpi-color-border, #d9e2ec);
      text-align: left;
      vertical-align: top;
    }
    .kpi-scorecard__components thead th {
      font-size: 0.75rem;
      text-transform: uppercase;
      color: var(--kpi-color-muted, #52606d);
    }
    .kpi-scorecard__components tbody th {
      font-weight: 500;
    }
    .kpi-scorecard__detail {
      display: block;
      font-size: 0.75rem;
      font-weight: 400;
    }
    .kpi-scorecard__num {
      text-align: right !important;
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
    }
    .kpi-scorecard__bar {
      display: block;
      width: 5rem;
      height: 4px;
      margin: 0.3rem 0 0 auto;
      background: #e4e9f0;
      border-radius: 2px;
    }
    .kpi-scorecard__bar span {
      display: block;
      height: 100%;
      background: var(--kpi-color-primary, #1d4ed8);
      border-radius: 2px;
    }
    .kpi-scorecard__missing {
      color: var(--kpi-color-muted, #52606d);
    }
    .kpi-scorecard__note {
      margin: 0.6rem 0 0;
      font-size: 0.8rem;
      color: var(--kpi-color-muted, #52606d);
    }
    .kpi-scorecard__hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
    }
  `,
})
export class ScorecardComponent {
  readonly scorecard = input.required<ProviderScorecardDto>();

  protected readonly view = computed(() => {
    const card = this.scorecard();
    const percent = (value: number) => `${(value * 100).toFixed(0)} %`;
    return {
      score: card.score === null ? '' : card.score.toFixed(1),
      scoreText: card.score === null ? '–' : card.score.toFixed(1),
      period: card.from === card.to ? formatMonth(card.from) : `${formatMonth(card.from)} – ${formatMonth(card.to)}`,
      components: card.components.map((component) => ({
        key: component.key,
        label: component.label,
        detail: component.detail,
        missing: component.score === null,
        score: component.score ?? 0,
        scoreText: component.score === null ? 'not measured' : component.score.toFixed(1),
        weightText:
          component.score === null || component.weight === component.effectiveWeight
            ? percent(component.weight)
            : `${percent(component.weight)} → ${percent(component.effectiveWeight)}`,
        contributionText: component.score === null ? '–' : component.contribution.toFixed(1),
      })),
      notes: card.notes,
    };
  });
}
