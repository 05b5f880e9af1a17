import { ChangeDetectionStrategy, Component, inject, OnInit } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { ProviderSummaryDto } from '@kpi/contracts';
import { ProvidersStore } from '@kpi/web-data-access';
import {
  CsvExportComponent,
  EmptyStateComponent,
  ErrorPanelComponent,
  formatIsoDate,
  LoadingIndicatorComponent,
  SortableTable,
  SortHeaderComponent,
  Translator,
} from '@kpi/web-ui';

/** All providers the user may see, with their sites (city, time zone) and service lines. */
@Component({
  selector: 'kpi-providers-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslocoPipe, CsvExportComponent, EmptyStateComponent, ErrorPanelComponent, LoadingIndicatorComponent, SortHeaderComponent],
  templateUrl: './providers.page.html',
  styleUrl: './providers.page.css',
})
export class ProvidersPage implements OnInit {
  private readonly store = inject(ProvidersStore);
  private readonly translator = inject(Translator);

  protected readonly providers = this.store.providers;
  protected readonly status = this.store.status;
  protected readonly error = this.store.error;
  protected readonly formatDate = formatIsoDate;
  protected readonly table = new SortableTable<ProviderSummaryDto>(
    [
      { key: 'name', header: () => this.translator.t('providers.columns.provider'), value: (p) => p.name },
      { key: 'code', header: () => this.translator.t('providers.columns.code'), value: (p) => p.code },
      {
        key: 'sites',
        header: () => this.translator.t('providers.columns.sites'),
        value: (p) => p.sites.map((site) => `${site.city} (${site.timeZone})`).join('; '),
        sortValue: (p) => p.sites.length,
      },
      {
        key: 'serviceLines',
        header: () => this.translator.t('providers.columns.serviceLines'),
        value: (p) => p.serviceLines.map((line) => line.name).join('; '),
        sortValue: (p) => p.serviceLines.length,
      },
      { key: 'lastData', header: () => this.translator.t('providers.columns.lastData'), value: (p) => p.lastDataDate },
    ],
    this.providers,
  );

  ngOnInit(): void {
    this.reload();
  }

  protected reload(): void {
    this.store.load();
  }
}
