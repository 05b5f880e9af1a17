import { HttpEventType } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { FeedDto, IngestionRunDetailDto, IngestionRunDto, RestatementDto, RowErrorDto, UploadPreviewDto } from '@kpi/contracts';
import { ApiError, IngestionApi, Loadable, ProvidersStore, toApiError } from '@kpi/web-data-access';
import {
  CsvExportComponent,
  EmptyStateComponent,
  ErrorPanelComponent,
  formatDateTime,
  formatIsoDate,
  LoadingIndicatorComponent,
  SortableTable,
  SortHeaderComponent,
  Translate,
  Translator,
} from '@kpi/web-ui';
import { textField } from '../../core/query-filters';
import { injectUrlFilters } from '../../core/url-filters';

/**
 * Ingestion: feeds per provider with freshness, "Run now" and "Backfill", file upload (progress, preview,
 * column mapping saved per feed), runs with their counts, per-row errors that can be fixed and re-submitted,
 * and the provider's restatements.
 */
@Component({
  selector: 'kpi-ingestion-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, CsvExportComponent, EmptyStateComponent, ErrorPanelComponent, LoadingIndicatorComponent, SortHeaderComponent],
  templateUrl: './ingestion.page.html',
  styleUrl: './ingestion.page.css',
})
export class IngestionPage {
  private readonly api = inject(IngestionApi);
  protected readonly providers = inject(ProvidersStore);
  private readonly translator = inject(Translator);
  private readonly t: Translate = (key, params) => this.translator.t(key, params);
  /** The chosen provider is in the URL (`?providerId=`), so a link opens this page on it. */
  private readonly urlFilters = injectUrlFilters({ providerId: textField() });

  protected readonly providerId = signal<string | null>(null);
  protected readonly feeds = new Loadable<FeedDto[]>();
  protected readonly runs = new Loadable<IngestionRunDto[]>();
  protected readonly restatements = new Loadable<RestatementDto[]>();
  protected readonly runDetail = new Loadable<IngestionRunDetailDto>();
  protected readonly formatDateTime = formatDateTime;
  protected readonly formatIsoDate = formatIsoDate;

  private readonly feedRows = computed(() => this.feeds.data() ?? []);
  private readonly runRows = computed(() => this.runs.data() ?? []);
  private readonly restatementRows = computed(() => this.restatements.data() ?? []);
  private readonly rowErrorRows = computed(() => this.runDetail.data()?.rowErrors ?? []);
  protected readonly feedsTable = new SortableTable<FeedDto>(
    [
      { key: 'feed', header: () => this.t('ingestion.feeds.columns.feed'), value: (f) => f.name },
      { key: 'connector', header: () => this.t('ingestion.feeds.columns.connector'), value: (f) => this.t('ingestion.connector.' + f.connector) },
      { key: 'schedule', header: () => this.t('ingestion.feeds.columns.schedule'), value: (f) => f.scheduleCron },
      { key: 'freshness', header: () => this.t('ingestion.feeds.columns.freshness'), value: (f) => this.t('ingestion.freshness.' + f.freshness.status) },
      { key: 'lastSuccess', header: () => this.t('ingestion.feeds.columns.lastSuccess'), value: (f) => f.lastSuccessAt },
      {
        key: 'lastRun',
        header: () => this.t('ingestion.feeds.columns.lastRun'),
        value: (f) => (f.lastRunStatus ? this.t('ingestion.runStatus.' + f.lastRunStatus) : null),
      },
    ],
    this.feedRows,
  );
  protected readonly runsTable = new SortableTable<IngestionRunDto>(
    [
      { key: 'started', header: () => this.t('ingestion.runs.columns.started'), value: (r) => r.startedAt },
      { key: 'feed', header: () => this.t('ingestion.runs.columns.feed'), value: (r) => r.feedName },
      { key: 'trigger', header: () => this.t('ingestion.runs.columns.trigger'), value: (r) => this.t('ingestion.trigger.' + r.trigger) },
      { key: 'status', header: () => this.t('ingestion.runs.columns.status'), value: (r) => this.t('ingestion.runStatus.' + r.status) },
      { key: 'received', header: () => this.t('ingestion.runs.columns.received'), value: (r) => r.counts.received },
      { key: 'inserted', header: () => this.t('ingestion.runs.columns.inserted'), value: (r) => r.counts.inserted },
      { key: 'updated', header: () => this.t('ingestion.runs.columns.updated'), value: (r) => r.counts.updated },
      { key: 'unchanged', header: () => this.t('ingestion.runs.columns.unchanged'), value: (r) => r.counts.unchanged },
      { key: 'rejected', header: () => this.t('ingestion.runs.columns.rejected'), value: (r) => r.counts.rejected },
      { key: 'errors', header: () => this.t('ingestion.runs.columns.errors'), value: (r) => r.errorCount },
    ],
    this.runRows,
  );
  protected readonly rowErrorsTable = new SortableTable<RowErrorDto>(
    [
      { key: 'line', header: () => this.t('ingestion.run.columns.line'), value: (e) => e.line ?? e.path },
      { key: 'column', header: () => this.t('ingestion.run.columns.column'), value: (e) => e.column },
      { key: 'value', header: () => this.t('ingestion.run.columns.value'), value: (e) => e.value },
      { key: 'reason', header: () => this.t('ingestion.run.columns.reason'), value: (e) => e.reason },
      { key: 'suggestion', header: () => this.t('ingestion.run.columns.suggestion'), value: (e) => e.suggestion },
      { key: 'fix', header: () => this.t('ingestion.run.columns.fix'), value: (e) => this.t('ingestion.errorStatus.' + e.status) },
    ],
    this.rowErrorRows,
  );
  protected readonly restatementsTable = new SortableTable<RestatementDto>(
    [
      { key: 'when', header: () => this.t('ingestion.restatements.columns.when'), value: (r) => r.restatedAt },
      { key: 'period', header: () => this.t('ingestion.restatements.columns.period'), value: (r) => r.periodStart },
      { key: 'site', header: () => this.t('ingestion.restatements.columns.site'), value: (r) => r.siteCode },
      { key: 'line', header: () => this.t('ingestion.restatements.columns.line'), value: (r) => r.serviceLine },
      { key: 'queue', header: () => this.t('ingestion.restatements.columns.queue'), value: (r) => r.queue },
      { key: 'kpi', header: () => this.t('ingestion.restatements.columns.kpi'), value: (r) => r.kpiCode },
      { key: 'old', header: () => this.t('ingestion.restatements.columns.old'), value: (r) => fraction(r.oldNumerator, r.oldDenominator), sortValue: (r) => r.oldNumerator },
      { key: 'new', header: () => this.t('ingestion.restatements.columns.new'), value: (r) => fraction(r.newNumerator, r.newDenominator), sortValue: (r) => r.newNumerator },
    ],
    this.restatementRows,
  );

  protected readonly uploadFeeds = computed(() => (this.feeds.data() ?? []).filter((f) => f.connector === 'file_upload'));
  protected readonly uploadFeedId = signal<string | null>(null);
  protected readonly file = signal<File | null>(null);
  protected readonly preview = signal<UploadPreviewDto | null>(null);
  protected readonly mappingText = signal('');
  protected readonly saveMapping = signal(true);
  protected readonly progress = signal<number | null>(null);
  protected readonly uploadError = signal<ApiError | null>(null);
  protected readonly lastUpload = signal<IngestionRunDetailDto | null>(null);
  protected readonly message = signal<string | null>(null);
  protected readonly backfillFrom = signal('');
  protected readonly backfillTo = signal('');
  protected readonly fixes = signal<Record<string, string>>({});

  constructor() {
    this.providers.load();
    effect(() => {
      const list = this.providers.providers();
      if (list.length === 0 || this.providerId() !== null) return;
      const fromUrl = this.urlFilters.read().providerId;
      const first = list.find((p) => p.id === fromUrl) ?? list[0];
      untracked(() => this.selectProvider(first.id, fromUrl === null || fromUrl === first.id));
    });
  }

  /** `keepUrl`: the URL already says it (or says nothing and the first provider is shown). */
  protected selectProvider(id: string, keepUrl = false): void {
    this.providerId.set(id);
    if (!keepUrl) this.urlFilters.write({ providerId: id });
    this.runDetail.reset();
    this.preview.set(null);
    this.lastUpload.set(null);
    this.refresh();
  }

  protected refresh(): void {
    const id = this.providerId();
    if (!id) return;
    this.feeds.load(this.api.feeds(id));
    this.runs.load(this.api.runs({ providerId: id, limit: 50 }));
    this.restatements.load(this.api.restatements(id));
  }

  protected runNow(feed: FeedDto): void {
    this.api.runNow(feed.id).subscribe({
      next: () => {
        this.message.set(this.t('ingestion.messages.queued', { feed: feed.name }));
        setTimeout(() => this.refresh(), 3000);
      },
      error: (e) => this.message.set(toApiError(e).message),
    });
  }

  protected backfill(feed: FeedDto): void {
    const from = this.backfillFrom();
    const to = this.backfillTo();
    if (!from || !to) {
      this.message.set(this.t('ingestion.messages.chooseRange'));
      return;
    }
    this.api.backfill(feed.id, from, to).subscribe({
      next: () => {
        this.message.set(this.t('ingestion.messages.backfillQueued', { feed: feed.name, from: formatIsoDate(from), to: formatIsoDate(to) }));
        setTimeout(() => this.refresh(), 3000);
      },
      error: (e) => this.message.set(toApiError(e).message),
    });
  }

  protected chooseFile(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.file.set(input.files?.[0] ?? null);
    this.preview.set(null);
    this.lastUpload.set(null);
    this.uploadError.set(null);
    const feedId = this.uploadFeedId() ?? this.uploadFeeds()[0]?.id ?? null;
    this.uploadFeedId.set(feedId);
    const file = this.file();
    if (!file || !feedId) return;
    this.api.preview(feedId, file).subscribe({
      next: (preview) => {
        this.preview.set(preview);
        this.mappingText.set(JSON.stringify(preview.savedMapping ?? preview.suggestedMapping, null, 2));
      },
      error: (e) => this.uploadError.set(toApiError(e)),
    });
  }

  protected importFile(): void {
    const file = this.file();
    const feedId = this.uploadFeedId();
    if (!file || !feedId) return;
    this.progress.set(0);
    this.uploadError.set(null);
    this.api.upload(feedId, file, this.mappingText() || null, this.saveMapping()).subscribe({
      next: (event) => {
        if (event.type === HttpEventType.UploadProgress) this.progress.set(event.total ? Math.round((100 * event.loaded) / event.total) : 50);
        if (event.type === HttpEventType.Response && event.body) {
          this.progress.set(100);
          this.lastUpload.set(event.body);
          this.runDetail.load(this.api.run(event.body.id));
          this.refresh();
        }
      },
      error: (e) => {
        this.progress.set(null);
        this.uploadError.set(toApiError(e));
      },
    });
  }

  protected openRun(run: IngestionRunDto): void {
    this.fixes.set({});
    this.runDetail.load(this.api.run(run.id), { clearData: true });
  }

  protected setFix(errorId: string, value: string): void {
    this.fixes.update((f) => ({ ...f, [errorId]: value }));
  }

  protected resubmit(run: IngestionRunDetailDto): void {
    const rows = run.rowErrors
      .filter((e) => e.raw && e.column && this.fixes()[e.id] !== undefined)
      .map((e) => ({ errorId: e.id, values: { [e.column as string]: this.fixes()[e.id] } }));
    if (rows.length === 0) {
      this.message.set(this.t('ingestion.messages.fixFirst'));
      return;
    }
    this.api.resubmit(run.id, rows).subscribe({
      next: (result) => {
        this.message.set(this.t('ingestion.messages.resubmitted', { count: rows.length, status: this.t('ingestion.runStatus.' + result.status) }));
        this.runDetail.load(this.api.run(result.id), { clearData: true });
        this.refresh();
      },
      error: (e) => this.message.set(toApiError(e).message),
    });
  }

  protected onText(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }
}

/** "12 / 40", or "12 / —" without a denominator. */
function fraction(numerator: number, denominator: number | null): string {
  return `${numerator} / ${denominator ?? '—'}`;
}
