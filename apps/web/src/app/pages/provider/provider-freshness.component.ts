import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, input, untracked } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { FeedDto, RestatementDto } from '@kpi/contracts';
import { formatKpiValue } from '@kpi/domain';
import { IngestionApi, KpisStore, Loadable } from '@kpi/web-data-access';
import {
  CsvExportComponent,
  EmptyStateComponent,
  ErrorPanelComponent,
  formatDateTime,
  formatIsoDate,
  LoadingIndicatorComponent,
  SortableTable,
  SortHeaderComponent,
  Translator,
} from '@kpi/web-ui';

interface FeedRow {
  readonly id: string;
  readonly name: string;
  readonly lastSuccessAt: string | null;
  readonly status: FeedDto['freshness']['status'];
  readonly stale: boolean;
}

interface RestatementRow {
  readonly id: string;
  readonly periodStart: string;
  readonly kpi: string;
  readonly site: string;
  readonly serviceLine: string;
  readonly queue: string;
  readonly oldValue: number | null;
  readonly newValue: number | null;
  readonly oldText: string;
  readonly newText: string;
  readonly restatedAt: string;
}

/**
 * "Data freshness & restatements" of one provider: the last successful run of each feed (stale ones flagged) and
 * the values its sources restated, as sortable, exportable tables.
 */
@Component({
  selector: 'kpi-provider-freshness',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, CsvExportComponent, EmptyStateComponent, ErrorPanelComponent, LoadingIndicatorComponent, SortHeaderComponent],
  templateUrl: './provider-freshness.component.html',
  styles: `
    .freshness-block + .freshness-block {
      margin-top: 1.5rem;
    }
    .freshness-block__header {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      justify-content: space-between;
      gap: 0.5rem 1rem;
    }
    .freshness-block__title {
      margin: 0 0 0.5rem;
      font-size: 1rem;
    }
    .table-wrap--flat {
      border: 0;
      box-shadow: none;
    }
  `,
})
export class ProviderFreshnessComponent {
  private readonly ingestion = inject(IngestionApi);
  private readonly kpis = inject(KpisStore);
  private readonly translator = inject(Translator);

  readonly providerId = input.required<string>();

  protected readonly feeds = new Loadable<FeedDto[]>();
  protected readonly restatements = new Loadable<RestatementDto[]>();
  protected readonly formatDateTime = formatDateTime;
  protected readonly formatIsoDate = formatIsoDate;

  private readonly feedRows = computed<readonly FeedRow[]>(() =>
    (this.feeds.data() ?? []).map((feed) => ({
      id: feed.id,
      name: feed.name,
      lastSuccessAt: feed.lastSuccessAt,
      status: feed.freshness.status,
      stale: feed.freshness.status === 'stale' || feed.freshness.status === 'never',
    })),
  );
  protected readonly feedTable = new SortableTable<FeedRow>(
    [
      { key: 'name', header: () => this.translator.t('provider.freshness.feed'), value: (row) => row.name },
      {
        key: 'lastSuccessAt',
        header: () => this.translator.t('provider.freshness.lastSuccess'),
        value: (row) => row.lastSuccessAt ?? '',
      },
      {
        key: 'status',
        header: () => this.translator.t('provider.freshness.status'),
        value: (row) => this.translator.t('provider.freshness.statuses.' + row.status),
      },
    ],
    this.feedRows,
    { key: 'name', direction: 'asc' },
  );

  private readonly restatementRows = computed<readonly RestatementRow[]>(() =>
    (this.restatements.data() ?? []).map((restatement) => {
      const kpi = this.kpis.definitionFor(restatement.kpiCode);
      const oldValue = componentValue(restatement.oldNumerator, restatement.oldDenominator);
      const newValue = componentValue(restatement.newNumerator, restatement.newDenominator);
      return {
        id: restatement.id,
        periodStart: restatement.periodStart,
        kpi: kpi.name,
        site: restatement.siteCode,
        serviceLine: restatement.serviceLine,
        queue: restatement.queue,
        oldValue,
        newValue,
        oldText: formatKpiValue(kpi, oldValue),
        newText: formatKpiValue(kpi, newValue),
        restatedAt: restatement.restatedAt,
      };
    }),
  );
  protected readonly restatementTable = new SortableTable<RestatementRow>(
    [
      { key: 'periodStart', header: () => this.translator.t('provider.restatements.periodStart'), value: (row) => row.periodStart },
      { key: 'kpi', header: () => this.translator.t('provider.restatements.kpi'), value: (row) => row.kpi },
      { key: 'site', header: () => this.translator.t('provider.restatements.site'), value: (row) => row.site },
      { key: 'serviceLine', header: () => this.translator.t('provider.restatements.serviceLine'), value: (row) => row.serviceLine },
      { key: 'queue', header: () => this.translator.t('provider.restatements.queue'), value: (row) => row.queue },
      {
        key: 'oldValue',
        header: () => this.translator.t('provider.restatements.oldValue'),
        value: (row) => row.oldText,
        sortValue: (row) => row.oldValue,
      },
      {
        key: 'newValue',
        header: () => this.translator.t('provider.restatements.newValue'),
        value: (row) => row.newText,
        sortValue: (row) => row.newValue,
      },
      { key: 'restatedAt', header: () => this.translator.t('provider.restatements.restatedAt'), value: (row) => row.restatedAt },
    ],
    this.restatementRows,
    { key: 'restatedAt', direction: 'desc' },
  );

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.feeds.cancel();
      this.restatements.cancel();
    });
    effect(() => {
      const providerId = this.providerId();
      untracked(() => this.load(providerId));
    });
  }

  protected reload(): void {
    this.load(this.providerId());
  }

  private load(providerId: string): void {
    this.feeds.load(this.ingestion.feeds(providerId), { clearData: true });
    this.restatements.load(this.ingestion.restatements(providerId), { clearData: true });
  }
}

/** The value of one stored row from its components (a ratio when it has a denominator). */
function componentValue(numerator: number, denominator: number | null): number | null {
  if (denominator === null) return numerator;
  return denominator === 0 ? null : numerator / denominator;
}
