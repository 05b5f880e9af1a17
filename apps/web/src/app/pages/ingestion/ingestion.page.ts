import { ChangeDetectionStrategy, Component } from '@angular/core';
import { EmptyStateComponent } from '@kpi/web-ui';

/** The ingestion page. The ingestion capability comes in later work; until then it explains what will appear here. */
@Component({
  selector: 'kpi-ingestion-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [EmptyStateComponent],
  template: `
    <header class="page-header">
      <div>
        <h1>Ingestion</h1>
        <p class="page-header__lead">See which provider data arrived, when, and what failed.</p>
      </div>
    </header>
    <kpi-empty-state
      heading="No ingestion runs to show yet"
      message="Each data feed run from your providers (Genesys Cloud, Amazon Connect, CSV exports) will be listed here with its status, row counts and errors, so a feed that stops arriving is noticed."
    />
  `,
})
export class IngestionPage {}
