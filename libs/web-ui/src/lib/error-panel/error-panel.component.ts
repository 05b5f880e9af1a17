import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';

/** An error message in an alert region, with an optional "Try again" button. */
@Component({
  selector: 'kpi-error-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'kpi-error-panel', role: 'alert', 'data-testid': 'error-panel' },
  template: `
    <h2 class="kpi-error-panel__heading">{{ heading() }}</h2>
    @if (message()) {
      <p class="kpi-error-panel__message">{{ message() }}</p>
    }
    @if (retryable()) {
      <button type="button" class="kpi-error-panel__retry" (click)="retry.emit()">Try again</button>
    }
  `,
  styles: `
    :host {
      display: block;
      padding: 1.25rem 1.5rem;
      background: var(--kpi-color-bad-surface, #fdecea);
      border: 1px solid var(--kpi-color-bad-border, #f1aeb5);
      border-left: 4px solid var(--kpi-color-bad, #b3261e);
      border-radius: var(--kpi-radius, 8px);
      color: var(--kpi-color-text, #1f2933);
    }
    .kpi-error-panel__heading {
      margin: 0 0 0.25rem;
      font-size: 1.05rem;
    }
    .kpi-error-panel__message {
      margin: 0;
      line-height: 1.5;
    }
    .kpi-error-panel__retry {
      margin-top: 0.75rem;
      padding: 0.4rem 0.9rem;
      font: inherit;
      color: var(--kpi-color-bad, #b3261e);
      background: #fff;
      border: 1px solid currentColor;
      border-radius: var(--kpi-radius-sm, 6px);
      cursor: pointer;
    }
    .kpi-error-panel__retry:hover {
      background: var(--kpi-color-bad-surface, #fdecea);
    }
  `,
})
export class ErrorPanelComponent {
  readonly heading = input<string>('Something went wrong');
  readonly message = input<string>('');
  readonly retryable = input<boolean>(false);
  readonly retry = output<void>();
}
