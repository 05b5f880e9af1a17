import { ChangeDetectionStrategy, Component } from '@angular/core';
import { EmptyStateComponent } from '@kpi/web-ui';

/** The escalations page. The escalations capability comes in later work; until then it explains what will appear here. */
@Component({
  selector: 'kpi-escalations-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [EmptyStateComponent],
  template: `
    <header class="page-header">
      <div>
        <h1>Escalations</h1>
        <p class="page-header__lead">Follow open issues with providers until they are fixed.</p>
      </div>
    </header>
    <kpi-empty-state
      heading="No escalations yet"
      message="Escalations opened from drift events and SLA breaches will be listed here, with their level, owner, provider response and time to resolution."
    />
  `,
})
export class EscalationsPage {}
