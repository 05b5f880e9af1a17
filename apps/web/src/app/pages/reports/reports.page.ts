import { ChangeDetectionStrategy, Component } from '@angular/core';
import { EmptyStateComponent } from '@kpi/web-ui';

/** The reports page. The reports capability comes in later work; until then it explains what will appear here. */
@Component({
  selector: 'kpi-reports-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [EmptyStateComponent],
  template: `
    <header class="page-header">
      <div>
        <h1>Reports</h1>
        <p class="page-header__lead">Prepare quarterly business reviews for the steering committee.</p>
      </div>
    </header>
    <kpi-empty-state
      heading="No reports yet"
      message="Quarterly business reviews with SLA attainment, trends, service credits and escalations will be available here to view and export."
    />
  `,
})
export class ReportsPage {}
