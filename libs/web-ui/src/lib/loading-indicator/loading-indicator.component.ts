import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** A polite live region with a spinner, announced once by screen readers. */
@Component({
  selector: 'kpi-loading-indicator',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'kpi-loading-indicator', role: 'status', 'aria-live': 'polite', 'data-testid': 'loading' },
  template: `<span class="kpi-loading-indicator__spinner" aria-hidden="true"></span><span>{{ label() }}</span>`,
  styles: `
    :host {
      display: flex;
      align-items: center;
      justify-content: center;
      gap: 0.75rem;
      padding: 2rem 1rem;
      color: var(--kpi-color-muted, #52606d);
    }
    .kpi-loading-indicator__spinner {
      width: 1.25rem;
      height: 1.25rem;
      border: 3px solid var(--kpi-color-border, #d9e2ec);
      border-top-color: var(--kpi-color-primary, #1d4ed8);
      border-radius: 50%;
      animation: kpi-spin 0.8s linear infinite;
    }
    @media (prefers-reduced-motion: reduce) {
      .kpi-loading-indicator__spinner {
        animation-duration: 3s;
      }
    }
    @keyframes kpi-spin {
      to {
        transform: rotate(360deg);
      }
    }
  `,
})
export class LoadingIndicatorComponent {
  readonly label = input<string>('Loading…');
}
