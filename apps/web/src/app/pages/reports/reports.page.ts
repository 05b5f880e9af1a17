import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import type { AgreedActionDto, QuarterlyReviewDto, QuarterlyReviewFileDto } from '@kpi/contracts';
import { AuthStore, ProvidersStore, ReportsApi, recentQuarters, toApiError } from '@kpi/web-data-access';
import { EmptyStateComponent, ErrorPanelComponent, formatDateTime, LoadingIndicatorComponent, Translator } from '@kpi/web-ui';
import { textField } from '../../core/query-filters';
import { injectUrlFilters } from '../../core/url-filters';
import { Subscription } from 'rxjs';

const POLL_MS = 1000;
const PORTFOLIO = '';

/**
 * Quarterly business reviews: choose a provider (or the portfolio) and a quarter, write the commentary and
 * agreed actions, generate the pack with a progress bar, and download archived packs (checksum, author,
 * date, "out of date" badge with what changed).
 */
@Component({
  selector: 'kpi-reports-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, TranslocoPipe, EmptyStateComponent, ErrorPanelComponent, LoadingIndicatorComponent],
  templateUrl: './reports.page.html',
  styleUrl: './reports.page.css',
})
export class ReportsPage {
  private readonly api = inject(ReportsApi);
  private readonly auth = inject(AuthStore);
  readonly providersStore = inject(ProvidersStore);
  private readonly translator = inject(Translator);
  /** `?providerId=…&quarter=2026-Q3`: the pack being prepared, shareable. */
  private readonly urlFilters = injectUrlFilters({ providerId: textField(), quarter: textField() });
  protected readonly formatDateTime = formatDateTime;
  private readonly subscriptions: Subscription[] = [];
  private pollTimer: ReturnType<typeof setTimeout> | null = null;

  readonly quarters = recentQuarters(new Date().toISOString().slice(0, 10), 6);
  private readonly fromUrl = this.urlFilters.read();
  readonly providerId = signal<string>(this.fromUrl.providerId ?? PORTFOLIO);
  readonly quarter = signal<string>(this.fromUrl.quarter && this.quarters.includes(this.fromUrl.quarter) ? this.fromUrl.quarter : this.quarters[1]);
  readonly commentary = signal('');
  readonly actions = signal<AgreedActionDto[]>([]);
  readonly commentaryStatus = signal<'idle' | 'loading' | 'saving' | 'saved' | 'error'>('idle');
  readonly commentaryError = signal<string | null>(null);
  readonly packs = signal<QuarterlyReviewDto[] | null>(null);
  readonly packsError = signal<string | null>(null);
  readonly running = signal<QuarterlyReviewDto | null>(null);
  readonly generateError = signal<string | null>(null);

  readonly canEdit = computed(() => ['admin', 'account_manager'].includes(this.auth.user()?.role ?? ''));
  readonly canGenerate = computed(() => ['admin', 'account_manager', 'executive'].includes(this.auth.user()?.role ?? ''));
  readonly isPortfolio = computed(() => this.providerId() === PORTFOLIO);
  readonly generating = computed(() => {
    const job = this.running();
    return job !== null && (job.status === 'queued' || job.status === 'running');
  });

  constructor() {
    this.providersStore.load();
    effect(() => {
      const providerId = this.providerId();
      const quarter = this.quarter();
      this.loadCommentary(providerId, quarter);
      this.loadPacks(providerId, quarter);
    });
    inject(DestroyRef).onDestroy(() => {
      this.subscriptions.forEach((s) => s.unsubscribe());
      if (this.pollTimer) clearTimeout(this.pollTimer);
    });
  }

  selectProvider(providerId: string): void {
    this.providerId.set(providerId);
    this.writeUrl();
  }

  selectQuarter(quarter: string): void {
    this.quarter.set(quarter);
    this.writeUrl();
  }

  private writeUrl(): void {
    this.urlFilters.write({ providerId: this.providerId() || null, quarter: this.quarter() === this.quarters[1] ? null : this.quarter() });
  }

  loadCommentary(providerId: string, quarter: string): void {
    this.commentary.set('');
    this.actions.set([]);
    this.commentaryError.set(null);
    if (!providerId) {
      this.commentaryStatus.set('idle');
      return;
    }
    this.commentaryStatus.set('loading');
    this.subscriptions.push(
      this.api.commentary(providerId, quarter).subscribe({
        next: (dto) => {
          this.commentary.set(dto.commentary);
          this.actions.set(dto.actions.map((a) => ({ ...a })));
          this.commentaryStatus.set('idle');
        },
        error: (error) => {
          this.commentaryError.set(toApiError(error).message);
          this.commentaryStatus.set('error');
        },
      }),
    );
  }

  loadPacks(providerId = this.providerId(), quarter = this.quarter()): void {
    this.packsError.set(null);
    this.subscriptions.push(
      this.api.list({ providerId: providerId || undefined, quarter }).subscribe({
        next: (list) => this.packs.set(providerId ? list.items : list.items.filter((item) => item.kind === 'portfolio')),
        error: (error) => this.packsError.set(toApiError(error).message),
      }),
    );
  }

  addAction(): void {
    this.actions.update((list) => [...list, { action: '', owner: '', dueDate: null }]);
  }

  removeAction(index: number): void {
    this.actions.update((list) => list.filter((_, i) => i !== index));
  }

  updateAction(index: number, field: keyof AgreedActionDto, value: string): void {
    this.actions.update((list) => list.map((a, i) => (i === index ? { ...a, [field]: field === 'dueDate' ? value || null : value } : a)));
  }

  saveCommentary(): void {
    const providerId = this.providerId();
    if (!providerId) return;
    this.commentaryStatus.set('saving');
    this.commentaryError.set(null);
    const actions = this.actions().filter((a) => a.action.trim() !== '');
    this.subscriptions.push(
      this.api.saveCommentary(providerId, this.quarter(), { commentary: this.commentary(), actions }).subscribe({
        next: () => this.commentaryStatus.set('saved'),
        error: (error) => {
          this.commentaryError.set(toApiError(error).message);
          this.commentaryStatus.set('error');
        },
      }),
    );
  }

  generate(): void {
    this.generateError.set(null);
    this.subscriptions.push(
      this.api.generate({ providerId: this.providerId() || undefined, quarter: this.quarter() }).subscribe({
        next: (job) => {
          this.running.set(job);
          this.poll(job.id);
        },
        error: (error) => this.generateError.set(toApiError(error).message),
      }),
    );
  }

  private poll(id: string): void {
    this.pollTimer = setTimeout(() => {
      this.subscriptions.push(
        this.api.get(id).subscribe({
          next: (job) => {
            this.running.set(job);
            if (job.status === 'queued' || job.status === 'running') this.poll(id);
            else this.loadPacks();
          },
          error: (error) => this.generateError.set(toApiError(error).message),
        }),
      );
    }, POLL_MS);
  }

  mainFiles(pack: QuarterlyReviewDto): QuarterlyReviewFileDto[] {
    return pack.files.filter((f) => !f.format.startsWith('csv:'));
  }

  tableFiles(pack: QuarterlyReviewDto): QuarterlyReviewFileDto[] {
    return pack.files.filter((f) => f.format.startsWith('csv:'));
  }

  download(pack: QuarterlyReviewDto, file: QuarterlyReviewFileDto): void {
    this.subscriptions.push(
      this.api.download(pack.id, file.format).subscribe({
        next: (blob) => {
          const url = URL.createObjectURL(blob);
          const link = document.createElement('a');
          link.href = url;
          link.download = file.fileName;
          link.click();
          setTimeout(() => URL.revokeObjectURL(url), 1000);
        },
        error: (error) => this.packsError.set(toApiError(error).message),
      }),
    );
  }

  formatLabel(format: string): string {
    const t = (key: string) => this.translator.t(key);
    return format === 'pdf' ? t('reports.archive.pdf') : format === 'xlsx' ? t('reports.archive.excel') : format === 'csv-zip' ? t('reports.archive.csvZip') : format.replace('csv:', '');
  }

  formatFigure(value: number | string | null): string {
    if (value === null) return '–';
    return typeof value === 'number' ? String(Math.round(value * 10000) / 10000) : value;
  }
}
