import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** A calm panel for "nothing here (yet)": a heading, an explanation and optional projected actions. */
@Component({
  selector: 'kpi-empty-state',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'kpi-empty-state', 'data-testid': 'empty-state' },
  template: `
    <div class="kpi-empty-state__icon" aria-hidden="true">
      <svg viewBox="0 0 24 24" width="32" height="32" focusable="false">
        <path
          fill="currentColor"
          d="M4 4h16a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2Zm0 2v12h16V6H4Zm3 9h2v2H7v-2Zm4-4h2v6h-2v-6Zm4-3h2v9h-2V8Z"
        />
      </svg>
    </div>
    <h2 class="kpi-empty-state__heading">{{ heading() }}</h2>
    @if (message()) {
      <p class="kpi-empty-state__message">{{ message() }}</p>
    }
    <div class="kpi-empty-state__actions"><ng-content /></div>
  `,
  styles: `
    :host {
      display: block;
      padding: 2.5rem 1.5rem;
      text-align: center;
      background: var(--kpi-color-surface, #fff);
      border: 1px dashed var(--kpi-color-border-strong, #9aa5b1);
      border-radius: var(--kpi-radius, 8px);
      color: var(--kpi-color-text, #1f2933);
    }
    .kpi-empty-state__icon {
      color: var(--kpi-color-muted, #52606d);
    }
    .kpi-empty-state__heading {
      margin: 0.5rem 0 0.25rem;
      font-size: 1.125rem;
    }
    .kpi-empty-state__message {
      max-width: 48ch;
      margin: 0 auto;
      color: var(--kpi-color-muted, #52606d);
      line-height: 1.5;
    }
    .kpi-empty-state__actions:not(:empty) {
      margin-top: 1rem;
    }
  `,
})
export class EmptyStateComponent {
  readonly heading = input.required<string>();
  readonly message = input<string>('');
}
