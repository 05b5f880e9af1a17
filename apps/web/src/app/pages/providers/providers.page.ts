import { ChangeDetectionStrategy, Component, inject, OnInit } from '@angular/core';
import { RouterLink } from '@angular/router';
import { ProvidersStore } from '@kpi/web-data-access';
import { EmptyStateComponent, ErrorPanelComponent, formatIsoDate, LoadingIndicatorComponent } from '@kpi/web-ui';

/** All providers the user may see, with their sites (city, time zone) and service lines. */
@Component({
  selector: 'kpi-providers-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, EmptyStateComponent, ErrorPanelComponent, LoadingIndicatorComponent],
  templateUrl: './providers.page.html',
  styleUrl: './providers.page.css',
})
export class ProvidersPage implements OnInit {
  private readonly store = inject(ProvidersStore);

  protected readonly providers = this.store.providers;
  protected readonly status = this.store.status;
  protected readonly error = this.store.error;
  protected readonly formatDate = formatIsoDate;

  ngOnInit(): void {
    this.reload();
  }

  protected reload(): void {
    this.store.load();
  }
}
