import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { EmptyStateComponent } from '@kpi/web-ui';

/** Any unknown address inside the app. */
@Component({
  selector: 'kpi-not-found-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslocoPipe, EmptyStateComponent],
  template: `
    <header class="page-header">
      <h1>{{ 'notFound.title' | transloco }}</h1>
    </header>
    <kpi-empty-state [heading]="'notFound.heading' | transloco" [message]="'notFound.message' | transloco">
      <a class="btn btn--secondary" routerLink="/">{{ 'notFound.home' | transloco }}</a>
    </kpi-empty-state>
  `,
})
export class NotFoundPage {}
