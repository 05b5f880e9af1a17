import { HttpEventType } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import type { FeedDto, IngestionRunDetailDto, IngestionRunDto, RestatementDto, UploadPreviewDto } from '@kpi/contracts';
import { ApiError, IngestionApi, Loadable, ProvidersStore, toApiError } from '@kpi/web-data-access';
import { EmptyStateComponent, ErrorPanelComponent, LoadingIndicatorComponent } from '@kpi/web-ui';

const FRESHNESS_LABELS: Record<FeedDto['freshness']['status'], string> = {
  fresh: 'Fresh',
  stale: 'Stale data',
  never: 'No data yet',
  unscheduled: 'No cadence',
};

/**
 * Ingestion: feeds per provider with freshness, "Run now" and "Backfill", file upload (progress, preview,
 * column mapping saved per feed), runs with their counts, per-row errors that can be fixed and re-submitted,
 * and the provider's restatements.
 */
@Component({
  selector: 'kpi-ingestion-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [EmptyStateComponent, ErrorPanelComponent, LoadingIndicatorComponent],
  templateUrl: './ingestion.page.html',
  styleUrl: './ingestion.page.css',
})
export class IngestionPage {
  private readonly api = inject(IngestionApi);
  protected readonly providers = inject(ProvidersStore);

  protected readonly providerId = signal<string | null>(null);
  protected readonly feeds = new Loadable<FeedDto[]>();
  protected readonly runs = new Loadable<IngestionRunDto[]>();
  protected readonly restatements = new Loadable<RestatementDto[]>();
  protected readonly runDetail = new Loadable<IngestionRunDetailDto>();
  protected readonly freshnessLabels = FRESHNESS_LABELS;

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
      if (list.length > 0 && this.providerId() === null) untracked(() => this.selectProvider(list[0].id));
    });
  }

  protected selectProvider(id: string): void {
    this.providerId.set(id);
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
        this.message.set(`"${feed.name}" queued; its run appears below in a few seconds.`);
        setTimeout(() => this.refresh(), 3000);
      },
      error: (e) => this.message.set(toApiError(e).message),
    });
  }

  protected backfill(feed: FeedDto): void {
    const from = this.backfillFrom();
    const to = this.backfillTo();
    if (!from || !to) {
      this.message.set('Choose the first and last day to backfill.');
      return;
    }
    this.api.backfill(feed.id, from, to).subscribe({
      next: () => {
        this.message.set(`Backfill of "${feed.name}" from ${from} to ${to} queued.`);
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
      this.message.set('Correct at least one value first.');
      return;
    }
    this.api.resubmit(run.id, rows).subscribe({
      next: (result) => {
        this.message.set(`Re-submitted ${rows.length} row(s): run ${result.status}.`);
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
