import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { EmptyStateComponent } from '@kpi/web-ui';

/** Any unknown address inside the app. */
@Component({
  selector: 'kpi-not-found-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, EmptyStateComponent],
  template: `
    <header class="page-header">
      <h1>Page not found</h1>
    </header>
    <kpi-empty-state heading="There is nothing at this address" message="The link may be old or mistyped.">
      <a class="btn btn--secondary" routerLink="/">Go to your portfolio</a>
    </kpi-empty-state>
  `,
})
export class NotFoundPage {}
