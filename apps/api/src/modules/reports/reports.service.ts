import { BadRequestException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type {
  AgreedActionDto,
  GenerateQuarterlyReviewRequest,
  QuarterlyCommentaryDto,
  QuarterlyReviewDto,
  QuarterlyReviewListDto,
} from '@kpi/contracts';
import { AppConfig } from '../../config/app-config.service';
import { JOB_NAMES } from '../../jobs/job-names';
import { JOB_QUEUE, JobQueue } from '../../jobs/job-queue.port';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ProviderScope } from '../auth/provider-scope';
import { ChartRendererService } from '../charts/chart-renderer.service';
import { MetricsService } from '../metrics/metrics.service';
import { OutboxService } from '../notifications/outbox.service';
import { formatMegabytes, planDeliveryAttachments, QBR_MAIL_ATTACHMENT_MAX_BYTES } from './delivery-attachments';
import { reviewToCsvFiles, reviewToCsvZip } from './exporters/csv.exporter';
import { reviewToPdf } from './exporters/pdf.exporter';
import { reviewToXlsx } from './exporters/xlsx.exporter';
import { qbrChartRenderer } from './qbr-chart';
import { quarterRange } from './quarter';
import { diffFigures, figuresSnapshot, QuarterlyReviewData } from './quarterly-review.model';
import { QuarterlyReviewService } from './quarterly-review.service';
import { NewFile, ReportsRepository, ReviewRecord } from './reports.repository';
import { QBR_SECTION_SOURCE, QbrSectionSource } from './sources/qbr-section-sources';

/** Payload of the build-quarterly-review job: one pack, or the scheduled fan-out of a quarter. */
export type BuildQuarterlyReviewJob = { type: 'build'; reviewId: string } | { type: 'schedule'; quarter: string };

export const REPORT_EDITOR_ROLES = ['admin', 'account_manager'] as const;
const LIST_LIMIT = 100;
/** At most this many archived packs per listing are re-assembled to show what changed. */
const MAX_DIFFS_PER_LIST = 5;

const CONTENT_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'csv-zip': 'application/zip',
  csv: 'text/csv; charset=utf-8',
};

function sha256(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

function fileStem(review: Pick<ReviewRecord, 'kind' | 'quarter'>, code: string): string {
  return `qbr-${review.kind === 'portfolio' ? 'portfolio' : code.toLowerCase()}-${review.quarter.toLowerCase()}`;
}

/** Generation (as a job, with progress), the archive of issued packs, downloads and scheduled delivery. */
@Injectable()
export class ReportsService {
  private readonly logger = new Logger('QuarterlyReviews');

  constructor(
    private readonly reviews: QuarterlyReviewService,
    private readonly repository: ReportsRepository,
    private readonly metrics: MetricsService,
    private readonly charts: ChartRendererService,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
    @Inject(QBR_SECTION_SOURCE) private readonly source: QbrSectionSource,
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  // ---------------------------------------------------------------- commentary

  async commentary(scope: ProviderScope, providerId: string, quarter: string): Promise<QuarterlyCommentaryDto> {
    await this.assertProvider(scope, providerId);
    quarterRange(quarter);
    const record = await this.repository.commentary(providerId, quarter);
    return {
      providerId,
      quarter,
      commentary: record?.commentary ?? '',
      actions: record?.actions ?? [],
      updatedAt: record?.updatedAt?.toISOString() ?? null,
      updatedBy: record?.updatedBy ?? null,
    };
  }

  async saveCommentary(user: AuthenticatedUser, providerId: string, quarter: string, commentary: string, actions: AgreedActionDto[]): Promise<QuarterlyCommentaryDto> {
    const scope = ProviderScope.of(user);
    await this.assertProvider(scope, providerId);
    quarterRange(quarter);
    await this.repository.saveCommentary(
      providerId,
      quarter,
      commentary,
      actions.map((a) => ({ action: a.action, owner: a.owner ?? '', dueDate: a.dueDate ?? null })),
      user.id,
    );
    return this.commentary(scope, providerId, quarter);
  }

  // ---------------------------------------------------------------- generation

  async request(user: AuthenticatedUser, body: GenerateQuarterlyReviewRequest): Promise<QuarterlyReviewDto> {
    const scope = ProviderScope.of(user);
    const range = quarterRange(body.quarter);
    if (range.from > new Date().toISOString().slice(0, 10)) throw new BadRequestException('The quarter has not started yet');
    let providerIds: string[];
    if (body.providerId) {
      await this.assertProvider(scope, body.providerId);
      providerIds = [body.providerId];
    } else {
      providerIds = await this.metrics.visibleProviderIds(scope);
      if (providerIds.length === 0) throw new NotFoundException('No provider to review');
    }
    const id = await this.repository.create({
      kind: body.providerId ? 'provider' : 'portfolio',
      providerId: body.providerId ?? null,
      providerIds,
      quarter: body.quarter,
      trigger: 'manual',
      deliver: false,
      requestedBy: user.id,
      requestedByName: user.displayName,
    });
    await this.jobs.enqueue<BuildQuarterlyReviewJob>(JOB_NAMES.buildQuarterlyReview, { type: 'build', reviewId: id }, { key: id });
    return this.get(scope, id);
  }

  /** The job handler. */
  async runJob(job: BuildQuarterlyReviewJob): Promise<void> {
    if (job.type === 'schedule') {
      await this.fanOutSchedule(job.quarter);
      return;
    }
    await this.generate(job.reviewId);
  }

  /** Builds, stores and issues one pack; returns the pack model (null when it was already issued). */
  async generate(reviewId: string, options: { today?: string } = {}): Promise<QuarterlyReviewData | null> {
    const review = await this.repository.start(reviewId);
    if (!review) return null;
    try {
      const report = (fraction: number, stage: string) => this.repository.progress(reviewId, 2 + fraction * 68, stage);
      const scope = ProviderScope.all(); // visibility was checked when the pack was requested
      const data =
        review.kind === 'provider'
          ? await this.reviews.assembleProvider(scope, review.providerId as string, review.quarter, { today: options.today, onProgress: report })
          : await this.reviews.assemblePortfolio(scope, review.providerIds, review.quarter, { today: options.today, onProgress: report });
      const stem = fileStem(review, data.providers[0]?.code ?? 'provider');
      await this.repository.progress(reviewId, 72, 'Rendering the PDF');
      const pdf = await reviewToPdf(data, qbrChartRenderer(this.charts));
      await this.repository.progress(reviewId, 85, 'Building the workbook');
      const xlsx = await reviewToXlsx(data);
      await this.repository.progress(reviewId, 93, 'Writing the CSV files');
      const csvFiles = reviewToCsvFiles(data);
      const zip = reviewToCsvZip(data);
      const file = (format: string, fileName: string, contentType: string, content: Buffer): NewFile => ({
        format,
        fileName,
        contentType,
        content,
        sizeBytes: content.length,
        sha256: sha256(content),
      });
      const files = [
        file('pdf', `${stem}.pdf`, CONTENT_TYPES['pdf'], pdf),
        file('xlsx', `${stem}.xlsx`, CONTENT_TYPES['xlsx'], xlsx),
        file('csv-zip', `${stem}-csv.zip`, CONTENT_TYPES['csv-zip'], zip),
        ...csvFiles.map((csv) => file(`csv:${csv.table.key}`, `${stem}-${csv.fileName}`, CONTENT_TYPES['csv'], csv.content)),
      ];
      await this.repository.progress(reviewId, 97, 'Archiving');
      await this.repository.issue(reviewId, data.asOf, figuresSnapshot(data), files);
      if (review.deliver) await this.deliver(reviewId);
      return data;
    } catch (error) {
      const message = (error as Error).message ?? String(error);
      this.logger.error(`Quarterly review ${reviewId} failed: ${message}`);
      await this.repository.fail(reviewId, message);
      throw error;
    }
  }

  // ---------------------------------------------------------------- archive

  async list(scope: ProviderScope, filter: { providerId?: string; quarter?: string }): Promise<QuarterlyReviewListDto> {
    if (filter.providerId) scope.assertVisible(filter.providerId);
    const records = await this.repository.list(scope, { ...filter, limit: LIST_LIMIT });
    const files = await this.repository.files(records.map((r) => r.id));
    let diffs = 0;
    const items: QuarterlyReviewDto[] = [];
    for (const record of records) {
      const withChanges = record.issuedAt !== null && diffs < MAX_DIFFS_PER_LIST;
      const dto = await this.toDto(record, files.get(record.id) ?? [], withChanges);
      if (dto.restatementsSinceIssue > 0) diffs++;
      items.push(dto);
    }
    return { items };
  }

  async get(scope: ProviderScope, id: string): Promise<QuarterlyReviewDto> {
    const record = await this.repository.find(id, scope);
    if (!record) throw new NotFoundException('Quarterly review not found');
    const files = await this.repository.files([id]);
    return this.toDto(record, files.get(id) ?? [], true);
  }

  async download(scope: ProviderScope, id: string, format: string, table?: string): Promise<{ fileName: string; contentType: string; content: Buffer; sha256: string }> {
    const record = await this.repository.find(id, scope);
    if (!record) throw new NotFoundException('Quarterly review not found');
    if (!record.issuedAt) throw new NotFoundException('The pack is not ready yet');
    const key = format === 'csv' ? `csv:${table ?? ''}` : format;
    const file = await this.repository.fileContent(id, key);
    if (!file) throw new NotFoundException(format === 'csv' ? `No table "${table ?? ''}" in this pack` : 'File not found');
    return { fileName: file.fileName, contentType: file.contentType, content: file.content, sha256: file.sha256 };
  }

  private async toDto(record: ReviewRecord, files: { format: string; fileName: string; contentType: string; sizeBytes: number; sha256: string }[], withChanges: boolean): Promise<QuarterlyReviewDto> {
    let restatementsSinceIssue = 0;
    let changes: QuarterlyReviewDto['changes'] = [];
    if (record.issuedAt) {
      const range = quarterRange(record.quarter);
      restatementsSinceIssue = await this.source.restatementCountSince(record.providerIds, range.from, range.to, record.issuedAt);
      if (restatementsSinceIssue > 0 && withChanges) changes = await this.changesSinceIssue(record);
    }
    return {
      id: record.id,
      kind: record.kind,
      providerId: record.providerId,
      providerName: record.providerName,
      quarter: record.quarter,
      asOf: record.asOf,
      status: record.status,
      progress: record.progress,
      stage: record.stage,
      error: record.error,
      trigger: record.trigger,
      requestedBy: record.requestedByName,
      createdAt: record.createdAt.toISOString(),
      issuedAt: record.issuedAt?.toISOString() ?? null,
      files,
      outOfDate: changes.length > 0,
      restatementsSinceIssue,
      changes,
    };
  }

  /** Re-assembles an issued pack with today's data (same "as of") and compares its figures with the archived snapshot. */
  private async changesSinceIssue(record: ReviewRecord): Promise<QuarterlyReviewDto['changes']> {
    const issued = await this.repository.figures(record.id);
    if (!issued || !record.asOf) return [];
    const scope = ProviderScope.all();
    const fresh =
      record.kind === 'provider'
        ? await this.reviews.assembleProvider(scope, record.providerId as string, record.quarter, { asOf: record.asOf, withCharts: false })
        : await this.reviews.assemblePortfolio(scope, record.providerIds, record.quarter, { asOf: record.asOf });
    return diffFigures(issued, figuresSnapshot(fresh));
  }

  // ---------------------------------------------------------------- scheduled delivery

  /** Creates (once) a scheduled pack per provider for the quarter and enqueues each one's generation. */
  async fanOutSchedule(quarter: string): Promise<string[]> {
    quarterRange(quarter);
    const providerIds = await this.metrics.visibleProviderIds(ProviderScope.all());
    const ids: string[] = [];
    for (const providerId of providerIds) {
      const id =
        (await this.repository.scheduledReview(providerId, quarter)) ??
        (await this.repository.create({
          kind: 'provider',
          providerId,
          providerIds: [providerId],
          quarter,
          trigger: 'schedule',
          deliver: true,
          requestedBy: null,
          requestedByName: 'Schedule',
        }));
      await this.jobs.enqueue<BuildQuarterlyReviewJob>(JOB_NAMES.buildQuarterlyReview, { type: 'build', reviewId: id }, { key: id });
      ids.push(id);
    }
    return ids;
  }

  /**
   * E-mails an issued pack to its provider's stakeholders through the email outbox (once per recipient). The PDF
   * (and the workbook, when both fit under QBR_MAIL_ATTACHMENT_MAX_BYTES) are attached by reference to the
   * archived files; a file above the cap is linked only, and the mail says so.
   */
  async deliver(reviewId: string): Promise<string[]> {
    const record = await this.repository.find(reviewId, null);
    if (!record?.issuedAt || !record.providerId) return [];
    const files = (await this.repository.files([reviewId])).get(reviewId) ?? [];
    const stakeholders = await this.source.stakeholders(record.providerId);
    const base = this.config.publicUrl.replace(/\/$/, '');
    const pageUrl = `${base}/reports?review=${reviewId}`;
    const plan = planDeliveryAttachments(files);
    const cap = formatMegabytes(QBR_MAIL_ATTACHMENT_MAX_BYTES);
    const notes = [
      ...(plan.attached.length > 0 ? [`Attached: ${plan.attached.map((f) => f.fileName).join(', ')}.`] : []),
      ...plan.tooLarge.map(
        (f) => `${f.fileName} (${formatMegabytes(f.sizeBytes)}) is too large to attach (mail limit ${cap}): download it from the link below.`,
      ),
    ];
    const ids: string[] = [];
    await this.dataSource.transaction(async (db) => {
      for (const person of stakeholders) {
        const subject = `Quarterly business review ${record.quarter}: ${record.providerName ?? ''}`.trim();
        const lines = files
          .filter((f) => !f.format.startsWith('csv:'))
          .map((f) => ({ label: f.fileName, url: `${base}/api/reports/${reviewId}/download?format=${f.format}`, sha: f.sha256 }));
        const text = [
          `Hello ${person.name},`,
          '',
          `The quarterly business review pack of ${record.providerName} for ${record.quarter} is ready.`,
          `Open it in KPI Governance: ${pageUrl}`,
          ...(notes.length > 0 ? ['', ...notes] : []),
          '',
          ...lines.map((l) => `${l.label} (SHA-256 ${l.sha}): ${l.url}`),
        ].join('\n');
        const html =
          `<p>Hello ${escapeHtml(person.name)},</p><p>The quarterly business review pack of <strong>${escapeHtml(record.providerName ?? '')}</strong> for ${escapeHtml(record.quarter)} is ready.</p>` +
          `<p><a href="${escapeHtml(pageUrl)}">Open it in KPI Governance</a></p>` +
          notes.map((n) => `<p>${escapeHtml(n)}</p>`).join('') +
          '<ul>' +
          lines.map((l) => `<li><a href="${escapeHtml(l.url)}">${escapeHtml(l.label)}</a> <small>SHA-256 ${l.sha}</small></li>`).join('') +
          '</ul>';
        const id = await this.outbox.write(db, {
          id: randomUUID(),
          kind: 'report',
          dedupeKey: `qbr:${reviewId}:${person.email.toLowerCase()}`,
          toAddress: person.email,
          toName: person.name,
          toUserId: person.userId,
          providerId: record.providerId,
          escalationId: null,
          alertEventId: null,
          subject,
          html,
          text,
          headers: { 'X-KPI-Quarterly-Review': reviewId },
          notBefore: null,
          images: [],
          fileAttachments: plan.attached.map((f) => ({ reviewId, format: f.format })),
        });
        if (id) ids.push(id);
      }
    });
    await this.outbox.dispatch(ids);
    return ids;
  }

  private async assertProvider(scope: ProviderScope, providerId: string): Promise<void> {
    scope.assertVisible(providerId);
    const visible = await this.metrics.visibleProviderIds(scope, [providerId]);
    if (visible.length === 0) throw new NotFoundException('Provider not found');
  }
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
