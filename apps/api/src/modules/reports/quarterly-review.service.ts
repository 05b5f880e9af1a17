import { Inject, Injectable } from '@nestjs/common';
import type {
  DriftEventSummaryDto,
  EscalationSummaryDto,
  ProviderAttainmentDto,
  ProviderCreditsDto,
  ProviderScorecardDto,
  SiteComparisonDto,
  SlaLevelDto,
} from '@kpi/contracts';
import type { KpiDefinition } from '@kpi/domain';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ProviderScope } from '../auth/provider-scope';
import { DriftService } from '../drift/drift.service';
import { EscalationsService } from '../escalations/escalations.service';
import { MetricsService } from '../metrics/metrics.service';
import { SlaPerformanceService } from '../sla/sla-performance.service';
import { formatReviewValue } from './exporters/value-format';
import { previousQuarter, quarterAsOf, quarterRange, QuarterRange } from './quarter';
import {
  QuarterlyReviewData,
  ReviewChart,
  ReviewColumn,
  ReviewRow,
  ReviewSection,
  ReviewTable,
  ReviewValueType,
} from './quarterly-review.model';
import { ReportsRepository } from './reports.repository';
import { QBR_SECTION_SOURCE, QbrSectionSource } from './sources/qbr-section-sources';

export type ProgressReporter = (fraction: number, stage: string) => Promise<void> | void;

export interface AssembleOptions {
  /** Evaluation date; default: the day after the quarter (or today while it runs). */
  asOf?: string;
  /** Today (provider-independent, UTC), for the default asOf. */
  today?: string;
  onProgress?: ProgressReporter;
  /** Leave the KPI trend charts out (they do not feed any figure of the archive comparison). */
  withCharts?: boolean;
}

/** Chart at most this many KPIs (those with a service level, in contract order). */
const MAX_CHARTS = 6;
const DRIFT_PAGE = 500;
const ESCALATION_PAGE = 200;

export const SECTION_TITLES = {
  summary: 'Executive summary',
  attainment: 'Service level attainment',
  trends: 'KPI trends and drift',
  drift: 'Drift events and QA regressions',
  escalations: 'Escalations',
  credits: 'Service credits',
  sites: 'Site and city comparison',
  data: 'Restatements and data timeliness',
  commentary: 'Commentary and agreed actions',
} as const;

function unitType(definition: Pick<KpiDefinition, 'unit'> | undefined): ReviewValueType {
  return definition && (definition.unit === 'percent' || definition.unit === 'score') ? 'percent' : 'decimal';
}

function levelCell(level: SlaLevelDto, type: ReviewValueType): number | string {
  return typeof level === 'number' ? level : `${formatReviewValue(level.low, type)} – ${formatReviewValue(level.high, type)}`;
}

function col(key: string, header: string, type: ReviewValueType, width?: number): ReviewColumn {
  return width === undefined ? { key, header, type } : { key, header, type, width };
}

function table(key: string, title: string, columns: ReviewColumn[], rows: ReviewRow[], restatable: boolean, note?: string): ReviewTable {
  return note ? { key, title, columns, rows, restatable, note } : { key, title, columns, rows, restatable };
}

function round(value: number | null, digits = 6): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/**
 * Assembles a provider's quarter (or a portfolio across providers) into the plain pack model. Every figure
 * comes from the services behind the api (SLA attainment, credits, scorecards, site comparison, KPI trends,
 * drift events, escalation responsiveness), called with the same provider, months and "as of" date, so the
 * pack shows exactly what the api returns. Ingestion data (restatements, runs) comes through the QBR section
 * source port.
 */
@Injectable()
export class QuarterlyReviewService {
  constructor(
    private readonly sla: SlaPerformanceService,
    private readonly metrics: MetricsService,
    private readonly drift: DriftService,
    private readonly escalations: EscalationsService,
    private readonly repository: ReportsRepository,
    @Inject(QBR_SECTION_SOURCE) private readonly source: QbrSectionSource,
  ) {}

  /** The query the api endpoints take for the same figures (from/to months and asOf). */
  periodQuery(quarter: string, asOf: string): { from: string; to: string; asOf: string } {
    const range = quarterRange(quarter);
    return { from: range.months[0], to: range.months[2], asOf };
  }

  defaultAsOf(quarter: string, today = new Date().toISOString().slice(0, 10)): string {
    return quarterAsOf(quarter, today);
  }

  async assembleProvider(scope: ProviderScope, providerId: string, quarter: string, options: AssembleOptions = {}): Promise<QuarterlyReviewData> {
    scope.assertVisible(providerId);
    const range = quarterRange(quarter);
    const asOf = options.asOf ?? this.defaultAsOf(quarter, options.today);
    const progress = options.onProgress ?? (() => undefined);
    const period = this.periodQuery(quarter, asOf);
    const previous = quarterRange(previousQuarter(quarter));
    const previousAsOf = quarterAsOf(previous.key, asOf);

    await progress(0.05, 'Scorecard and rank');
    const definitions = await this.metrics.kpiDefinitions();
    const [scorecard, previousCard, ranking] = await Promise.all([
      this.sla.scorecard(scope, providerId, period),
      this.sla.scorecard(scope, providerId, this.periodQuery(previous.key, previousAsOf)),
      // The rank is among every provider under governance, whoever reads the pack.
      this.sla.ranking(ProviderScope.all(), period),
    ]);
    await progress(0.2, 'Service level attainment');
    const attainment = await this.sla.attainment(scope, providerId, period);
    await progress(0.35, 'Service credits');
    const credits = await this.sla.credits(scope, providerId, period);
    await progress(0.5, 'Site comparison');
    const sites = await this.siteComparison(scope, providerId, period);
    await progress(0.6, 'Drift events, escalations and data');
    const [driftEvents, responsiveness, escalationList, restatements, timeliness, commentary] = await Promise.all([
      this.driftEvents(scope, providerId, range),
      this.escalations.responsivenessFor(scope, { from: range.from, to: range.to, providerId }),
      this.escalationsOpened(providerId, range),
      this.source.restatements(providerId, range.from, range.to),
      this.source.timeliness(providerId, range.from, range.to),
      this.repository.commentary(providerId, quarter),
    ]);
    await progress(0.7, 'KPI trends');
    const charts = options.withCharts === false ? [] : await this.trendCharts(scope, providerId, range, attainment, definitions, driftEvents);

    const rank = ranking.providers.find((entry) => entry.providerId === providerId);
    const sections: ReviewSection[] = [
      this.summarySection(scorecard, previousCard, rank?.rank ?? null, ranking.providers.length, attainment, credits, driftEvents, responsiveness[0] ?? null),
      this.attainmentSection(attainment, definitions),
      { key: 'trends', title: SECTION_TITLES.trends, paragraphs: trendParagraphs(charts), tables: [], charts },
      this.driftSection(driftEvents, definitions),
      this.escalationSection(responsiveness[0] ?? null, escalationList),
      this.creditsSection(credits),
      this.sitesSection(sites, definitions),
      this.dataSection(restatements, timeliness, scorecard),
      this.commentarySection(commentary?.commentary ?? '', commentary?.actions ?? [], commentary?.updatedBy ?? null),
    ];
    return {
      kind: 'provider',
      quarter,
      from: range.from,
      to: range.to,
      months: range.months,
      asOf,
      generatedAt: new Date().toISOString(),
      title: scorecard.providerName,
      subtitle: `Quarterly business review ${quarter}`,
      providers: [{ id: scorecard.providerId, code: scorecard.providerCode, name: scorecard.providerName }],
      sections,
    };
  }

  /** A pack across providers: the ranking, then each section's tables with a provider column. */
  async assemblePortfolio(scope: ProviderScope, providerIds: readonly string[], quarter: string, options: AssembleOptions = {}): Promise<QuarterlyReviewData> {
    const range = quarterRange(quarter);
    const asOf = options.asOf ?? this.defaultAsOf(quarter, options.today);
    const progress = options.onProgress ?? (() => undefined);
    const packs: QuarterlyReviewData[] = [];
    for (const [index, providerId] of providerIds.entries()) {
      packs.push(
        await this.assembleProvider(scope, providerId, quarter, {
          asOf,
          withCharts: false,
          onProgress: (fraction, stage) => progress((index + fraction) / providerIds.length, `${stage} (${index + 1} of ${providerIds.length})`),
        }),
      );
    }
    const sections: ReviewSection[] = [];
    for (const template of packs[0]?.sections ?? []) {
      if (template.key === 'trends') continue;
      const tables: ReviewTable[] = template.tables.map((first) => ({
        ...first,
        columns: [col('provider', 'Provider', 'text', 18), ...first.columns],
        rows: packs.flatMap((pack) => {
          const same = pack.sections.find((s) => s.key === template.key)?.tables.find((t) => t.key === first.key);
          return (same?.rows ?? []).map((row) => ({
            key: `${pack.providers[0].code}|${row.key}`,
            cells: { provider: pack.providers[0].name, ...row.cells },
            ...(row.types ? { types: row.types } : {}),
          }));
        }),
      }));
      sections.push({
        key: template.key,
        title: template.title,
        paragraphs: packs.flatMap((pack) => pack.sections.find((s) => s.key === template.key)?.paragraphs.map((p) => `${pack.providers[0].name}: ${p}`) ?? []),
        tables,
        charts: [],
      });
    }
    return {
      kind: 'portfolio',
      quarter,
      from: range.from,
      to: range.to,
      months: range.months,
      asOf,
      generatedAt: new Date().toISOString(),
      title: 'Provider portfolio',
      subtitle: `Quarterly business review ${quarter} (${packs.length} providers)`,
      providers: packs.map((pack) => pack.providers[0]),
      sections,
    };
  }

  // ---------------------------------------------------------------- data

  private async siteComparison(scope: ProviderScope, providerId: string, period: { from: string; to: string; asOf: string }): Promise<SiteComparisonDto | null> {
    try {
      return await this.sla.siteComparison(scope, providerId, { ...period, by: 'site' });
    } catch {
      return null; // the quarter has not started yet
    }
  }

  private async driftEvents(scope: ProviderScope, providerId: string, range: QuarterRange): Promise<DriftEventSummaryDto[]> {
    const events: DriftEventSummaryDto[] = [];
    for (let offset = 0; ; offset += DRIFT_PAGE) {
      const page = await this.drift.listEvents(scope, { providerId, since: range.from, limit: DRIFT_PAGE, offset });
      events.push(...page.items);
      if (page.items.length < DRIFT_PAGE || events.length >= page.total) break;
    }
    // Events whose change started in the quarter, or was going on during it.
    return events
      .filter((e) => e.startDate <= range.to && (e.resolvedOn === null || e.resolvedOn >= range.from))
      .sort((a, b) => a.startDate.localeCompare(b.startDate) || a.id.localeCompare(b.id));
  }

  /** Escalations opened in the quarter (the escalation service's list, restricted to this provider). */
  private async escalationsOpened(providerId: string, range: QuarterRange): Promise<EscalationSummaryDto[]> {
    const reader = { id: '00000000-0000-0000-0000-000000000000', role: 'executive', providerIds: [providerId] } as unknown as AuthenticatedUser;
    const out: EscalationSummaryDto[] = [];
    for (let offset = 0; offset < 5000; offset += ESCALATION_PAGE) {
      const page = await this.escalations.list(reader, { status: 'all', providerId, limit: ESCALATION_PAGE, offset });
      out.push(...page.items.filter((e) => e.openedAt.slice(0, 10) >= range.from && e.openedAt.slice(0, 10) <= range.to));
      if (page.items.length < ESCALATION_PAGE) break;
    }
    return out.sort((a, b) => a.openedAt.localeCompare(b.openedAt));
  }

  private async trendCharts(
    scope: ProviderScope,
    providerId: string,
    range: QuarterRange,
    attainment: ProviderAttainmentDto,
    definitions: ReadonlyMap<string, KpiDefinition>,
    events: readonly DriftEventSummaryDto[],
  ): Promise<ReviewChart[]> {
    const codes = [...new Set(attainment.contracts.flatMap((c) => c.serviceLevels.map((l) => l.kpiCode)))].slice(0, MAX_CHARTS);
    const charts: ReviewChart[] = [];
    for (const kpiCode of codes) {
      const trend = await this.metrics.trend(scope, providerId, kpiCode, { granularity: 'week', from: range.from, to: range.to });
      const definition = definitions.get(kpiCode);
      charts.push({
        key: `trend_${kpiCode}`,
        title: `${definition?.name ?? kpiCode} – weekly, all sites`,
        kpiCode,
        type: unitType(definition),
        points: trend.points.map((p) => ({ date: p.periodStart, value: p.value })),
        markers: events
          .filter((e) => e.kpiCode === kpiCode && e.startDate >= range.from && e.startDate <= range.to)
          .map((e) => ({ date: e.startDate, label: `${e.kind === 'qa_regression' ? 'QA regression' : e.direction === 'favourable' ? 'Improvement' : 'Drift'}${e.siteCity ? ` ${e.siteCity}` : ''}` })),
      });
    }
    return charts;
  }

  // ---------------------------------------------------------------- sections

  private summarySection(
    card: ProviderScorecardDto,
    previous: ProviderScorecardDto,
    rank: number | null,
    ranked: number,
    attainment: ProviderAttainmentDto,
    credits: ProviderCreditsDto,
    events: readonly DriftEventSummaryDto[],
    responsiveness: { escalations: number; resolved: number; overdueNow: number } | null,
  ): ReviewSection {
    const results = attainment.contracts.flatMap((c) => c.serviceLevels.flatMap((l) => l.results));
    const finalResults = results.filter((r) => r.final && r.status !== 'no_data');
    const met = finalResults.filter((r) => r.status === 'met').length;
    const breached = finalResults.filter((r) => r.status === 'breached').length;
    const payable = credits.contracts.reduce((sum, c) => sum + c.months.reduce((s, m) => s + m.totalPayable, 0), 0);
    const change = card.score !== null && previous.score !== null ? card.score - previous.score : null;
    const currency = credits.contracts.flatMap((c) => c.months.map((m) => m.currency)).find((c) => c) ?? '';
    const headline: ReviewRow[] = [
      { key: 'score', cells: { measure: 'Scorecard (0–100)', value: round(card.score), previous: round(previous.score), change: round(change) }, types: { value: 'decimal', previous: 'decimal', change: 'decimal' } },
      { key: 'rank', cells: { measure: `Rank among ${ranked} providers`, value: rank, previous: null, change: null }, types: { value: 'integer' } },
      { key: 'periods_met', cells: { measure: 'Final service-level periods met', value: met, previous: null, change: null }, types: { value: 'integer' } },
      { key: 'periods_breached', cells: { measure: 'Final service-level periods breached', value: breached, previous: null, change: null }, types: { value: 'integer' } },
      { key: 'credits_payable', cells: { measure: `Service credits payable ${currency}`.trim(), value: round(payable, 2), previous: null, change: null }, types: { value: 'money' } },
      { key: 'drift_events', cells: { measure: 'Drift events and QA regressions', value: events.length, previous: null, change: null }, types: { value: 'integer' } },
      { key: 'escalations', cells: { measure: 'Escalations opened', value: responsiveness?.escalations ?? 0, previous: null, change: null }, types: { value: 'integer' } },
    ];
    const previousByKey = new Map(previous.components.map((c) => [c.key, c]));
    const components: ReviewRow[] = card.components.map((component) => {
      const before = previousByKey.get(component.key)?.score ?? null;
      return {
        key: component.key,
        cells: {
          component: component.label,
          score: round(component.score),
          weight: round(component.effectiveWeight),
          contribution: round(component.contribution),
          previous: round(before),
          change: component.score !== null && before !== null ? round(component.score - before) : null,
          detail: component.detail,
        },
      };
    });
    const paragraphs = [
      `${card.providerName} scored ${formatReviewValue(card.score, 'decimal')} of 100 in ${card.from}..${card.to}` +
        (rank !== null ? `, rank ${rank} of ${ranked}` : '') +
        (change !== null ? `; ${change >= 0 ? '+' : ''}${formatReviewValue(change, 'decimal')} points against the previous quarter (${formatReviewValue(previous.score, 'decimal')}).` : '.'),
      `${met} of ${finalResults.length} final service-level periods met, ${breached} breached. Service credits payable: ${formatReviewValue(payable, 'money')} ${currency}.`.trim(),
      ...card.notes,
    ];
    return {
      key: 'summary',
      title: SECTION_TITLES.summary,
      paragraphs,
      charts: [],
      tables: [
        table('headline', 'Headline figures', [col('measure', 'Measure', 'text', 30), col('value', 'This quarter', 'decimal'), col('previous', 'Previous quarter', 'decimal'), col('change', 'Change', 'decimal')], headline, true),
        table(
          'scorecard',
          'Scorecard components',
          [
            col('component', 'Component', 'text', 22),
            col('score', 'Score', 'decimal'),
            col('weight', 'Effective weight', 'percent'),
            col('contribution', 'Contribution', 'decimal'),
            col('previous', 'Previous quarter', 'decimal'),
            col('change', 'Change', 'decimal'),
            col('detail', 'Where it comes from', 'text', 40),
          ],
          components,
          true,
        ),
      ],
    };
  }

  private attainmentSection(attainment: ProviderAttainmentDto, definitions: ReadonlyMap<string, KpiDefinition>): ReviewSection {
    const rows: ReviewRow[] = [];
    for (const contract of attainment.contracts) {
      for (const level of contract.serviceLevels) {
        const type = unitType(definitions.get(level.kpiCode));
        for (const result of level.results) {
          rows.push({
            key: `${level.serviceLevelId}|${result.period.from}`,
            cells: {
              contract: contract.contractName,
              serviceLevel: level.name,
              scope: level.scopeLabel,
              kind: level.kind,
              period: result.periodLabel,
              month: result.month,
              periodFrom: result.period.from,
              periodTo: result.period.to,
              status: result.status + (result.final ? '' : ' (provisional)'),
              value: round(result.value),
              target: levelCell(result.target, type),
              minimum: levelCell(result.minimum, type),
              margin: round(result.margin),
              observations: result.observationCount,
              excluded: result.excludedObservationCount,
              exclusions: result.exclusionsApplied.map((e) => `${e.from}..${e.to}: ${e.reason}`).join('; '),
            },
            types: { value: type, target: type, minimum: type, margin: type },
          });
        }
      }
    }
    const monthly = rows.filter((row) => row.cells['periodFrom'] === `${row.cells['month']}-01`).length;
    return {
      key: 'attainment',
      title: SECTION_TITLES.attainment,
      paragraphs: [
        `Each service level per measurement period of ${attainment.from}..${attainment.to}, judged by the contract terms in force in that period, against target and minimum. Approved exclusions are removed from the measurement and listed.`,
        `${rows.length} periods evaluated (${monthly} starting on the first of a month).`,
      ],
      charts: [],
      tables: [
        table(
          'attainment',
          'Attainment by period',
          [
            col('contract', 'Contract', 'text', 20),
            col('serviceLevel', 'Service level', 'text', 24),
            col('scope', 'Scope', 'text', 18),
            col('kind', 'Kind', 'text', 9),
            col('period', 'Period', 'text', 12),
            col('month', 'Month', 'text', 8),
            col('periodFrom', 'From', 'date', 11),
            col('periodTo', 'To', 'date', 11),
            col('status', 'Status', 'text', 10),
            col('value', 'Value', 'decimal', 9),
            col('target', 'Target', 'decimal', 9),
            col('minimum', 'Minimum', 'decimal', 9),
            col('margin', 'Margin to target', 'decimal', 9),
            col('observations', 'Observations', 'integer', 9),
            col('excluded', 'Excluded', 'integer', 8),
            col('exclusions', 'Exclusions applied', 'text', 24),
          ],
          rows,
          true,
        ),
      ],
    };
  }

  private driftSection(events: readonly DriftEventSummaryDto[], definitions: ReadonlyMap<string, KpiDefinition>): ReviewSection {
    const columns = [
      col('kpi', 'KPI', 'text', 14),
      col('where', 'Where', 'text', 18),
      col('queue', 'Queue / team', 'text', 12),
      col('direction', 'Direction', 'text', 9),
      col('status', 'Status', 'text', 8),
      col('startDate', 'Since', 'date', 11),
      col('openedOn', 'Detected', 'date', 11),
      col('resolvedOn', 'Resolved', 'date', 11),
      col('magnitude', 'Magnitude', 'percent', 9),
      col('baseline', 'Before', 'decimal', 9),
      col('current', 'After', 'decimal', 9),
      col('explanation', 'Explanation', 'text', 40),
    ];
    const toRow = (e: DriftEventSummaryDto): ReviewRow => {
      const type = unitType(definitions.get(e.kpiCode));
      return {
        key: e.id,
        cells: {
          kpi: definitions.get(e.kpiCode)?.name ?? e.kpiCode,
          where: [e.siteCity, e.serviceLine].filter(Boolean).join(' · ') || 'All sites',
          queue: e.queue ?? '',
          direction: e.direction,
          status: e.status,
          startDate: e.startDate,
          openedOn: e.openedOn,
          resolvedOn: e.resolvedOn,
          magnitude: round(e.magnitude),
          baseline: round(e.baselineValue),
          current: round(e.currentValue),
          explanation: e.explanation,
        },
        types: { baseline: type, current: type },
      };
    };
    const drift = events.filter((e) => e.kind !== 'qa_regression');
    const qa = events.filter((e) => e.kind === 'qa_regression');
    return {
      key: 'drift',
      title: SECTION_TITLES.drift,
      paragraphs: [`${drift.length} drift event(s) and ${qa.length} QA regression(s) started in or ran through the quarter.`],
      charts: [],
      tables: [
        table('drift_events', 'Drift events', columns, drift.map(toRow), false),
        table('qa_regressions', 'QA regressions', columns, qa.map(toRow), false),
      ],
    };
  }

  private escalationSection(
    responsiveness: {
      escalations: number;
      acknowledged: number;
      acknowledgedWithinTarget: number;
      medianMinutesToAcknowledge: number | null;
      meanMinutesToAcknowledge: number | null;
      resolved: number;
      resolvedWithinTarget: number;
      medianMinutesToResolve: number | null;
      meanMinutesToResolve: number | null;
      openNow: number;
      overdueNow: number;
    } | null,
    list: readonly EscalationSummaryDto[],
  ): ReviewSection {
    const r = responsiveness;
    const hours = (minutes: number | null | undefined) => (minutes === null || minutes === undefined ? null : round(minutes / 60, 4));
    const summary: ReviewRow[] = [
      { key: 'opened', cells: { measure: 'Opened', value: r?.escalations ?? 0 }, types: { value: 'integer' } },
      { key: 'acknowledged', cells: { measure: 'Acknowledged', value: r?.acknowledged ?? 0 }, types: { value: 'integer' } },
      { key: 'ack_within_target', cells: { measure: 'Acknowledged within target', value: r?.acknowledgedWithinTarget ?? 0 }, types: { value: 'integer' } },
      { key: 'median_ack_h', cells: { measure: 'Median time to acknowledge (hours)', value: hours(r?.medianMinutesToAcknowledge) }, types: { value: 'decimal' } },
      { key: 'mean_ack_h', cells: { measure: 'Mean time to acknowledge (hours)', value: hours(r?.meanMinutesToAcknowledge) }, types: { value: 'decimal' } },
      { key: 'resolved', cells: { measure: 'Resolved', value: r?.resolved ?? 0 }, types: { value: 'integer' } },
      { key: 'resolved_within_target', cells: { measure: 'Resolved within target', value: r?.resolvedWithinTarget ?? 0 }, types: { value: 'integer' } },
      { key: 'median_resolve_h', cells: { measure: 'Median time to resolve (hours)', value: hours(r?.medianMinutesToResolve) }, types: { value: 'decimal' } },
      { key: 'mean_resolve_h', cells: { measure: 'Mean time to resolve (hours)', value: hours(r?.meanMinutesToResolve) }, types: { value: 'decimal' } },
      { key: 'open_now', cells: { measure: 'Still open (at generation)', value: r?.openNow ?? 0 }, types: { value: 'integer' } },
      { key: 'overdue_now', cells: { measure: 'Overdue (at generation)', value: r?.overdueNow ?? 0 }, types: { value: 'integer' } },
    ];
    const rows: ReviewRow[] = list.map((e) => ({
      key: e.id,
      cells: {
        reference: e.reference,
        title: e.title,
        severity: e.severity,
        status: e.status,
        where: e.scope.label,
        openedAt: e.openedAt,
        acknowledgedAt: e.acknowledgedAt,
        resolvedAt: e.resolvedAt,
        hoursToAcknowledge: e.acknowledgedAt ? round((Date.parse(e.acknowledgedAt) - Date.parse(e.openedAt)) / 3_600_000, 4) : null,
        hoursToResolve: e.resolvedAt ? round((Date.parse(e.resolvedAt) - Date.parse(e.openedAt)) / 3_600_000, 4) : null,
        overdue: e.overdue ? `yes${e.overdueReason ? ` (${e.overdueReason})` : ''}` : 'no',
      },
    }));
    return {
      key: 'escalations',
      title: SECTION_TITLES.escalations,
      paragraphs: [
        `${r?.escalations ?? 0} escalation(s) opened in the quarter, ${r?.resolved ?? 0} resolved; ${r?.overdueNow ?? 0} overdue when the pack was generated.`,
      ],
      charts: [],
      tables: [
        table('escalation_summary', 'Responsiveness', [col('measure', 'Measure', 'text', 34), col('value', 'Value', 'decimal', 12)], summary, false),
        table(
          'escalations',
          'Escalations opened',
          [
            col('reference', 'Reference', 'text', 12),
            col('title', 'Title', 'text', 30),
            col('severity', 'Severity', 'text', 9),
            col('status', 'Status', 'text', 11),
            col('where', 'Where', 'text', 18),
            col('openedAt', 'Opened', 'datetime', 16),
            col('acknowledgedAt', 'Acknowledged', 'datetime', 16),
            col('resolvedAt', 'Resolved', 'datetime', 16),
            col('hoursToAcknowledge', 'Hours to acknowledge', 'decimal', 10),
            col('hoursToResolve', 'Hours to resolve', 'decimal', 10),
            col('overdue', 'Overdue', 'text', 10),
          ],
          rows,
          false,
        ),
      ],
    };
  }

  private creditsSection(credits: ProviderCreditsDto): ReviewSection {
    const months: ReviewRow[] = [];
    const lines: ReviewRow[] = [];
    for (const contract of credits.contracts) {
      for (const month of contract.months) {
        months.push({
          key: `${contract.contractId}|${month.month}`,
          cells: {
            contract: contract.contractName,
            month: month.month,
            currency: month.currency ?? '',
            atRisk: round(month.atRiskAmount, 2),
            uncapped: round(month.totalUncapped, 2),
            capped: round(month.totalCapped, 2),
            payable: round(month.totalPayable, 2),
            pending: round(month.totalPending, 2),
            waived: round(month.totalWaived, 2),
            status: month.status + (month.provisional ? ' (provisional)' : ''),
            chronic: month.chronicFailure ? 'yes' : 'no',
          },
        });
        for (const line of month.lines) {
          lines.push({
            key: `${contract.contractId}|${month.month}|${line.serviceLevelId}`,
            cells: {
              month: month.month,
              serviceLevel: line.serviceLevelName,
              breached: line.breachedPeriods.map((p) => p.label).join(', '),
              allocation: round(line.allocationPct / 100),
              uncapped: round(line.uncappedAmount, 2),
              capped: round(line.cappedAmount, 2),
              payable: round(line.payableAmount, 2),
              earnBack: line.earnBack,
              settlement: line.settlement,
              explanation: line.explanation,
            },
          });
        }
      }
    }
    const money = (key: string, header: string) => col(key, header, 'money', 13);
    const total = months.reduce((sum, row) => sum + Number(row.cells['payable'] ?? 0), 0);
    const waived = months.reduce((sum, row) => sum + Number(row.cells['waived'] ?? 0), 0);
    return {
      key: 'credits',
      title: SECTION_TITLES.credits,
      paragraphs: [
        `Credits owed for breaches of critical service levels, capped at the at-risk amount; a credit is waived (earned back) when the provider meets the target for the agreed following periods. Payable in the quarter: ${formatReviewValue(total, 'money')}; waived by earn-back: ${formatReviewValue(waived, 'money')}.`,
      ],
      charts: [],
      tables: [
        table(
          'credits_by_month',
          'Credits by month',
          [
            col('contract', 'Contract', 'text', 24),
            col('month', 'Month', 'text', 8),
            col('currency', 'Currency', 'text', 7),
            money('atRisk', 'At risk'),
            money('uncapped', 'Uncapped'),
            money('capped', 'Capped'),
            money('payable', 'Payable'),
            money('pending', 'Pending earn-back'),
            money('waived', 'Earned back (waived)'),
            col('status', 'Status', 'text', 12),
            col('chronic', 'Chronic failure', 'text', 8),
          ],
          months,
          true,
        ),
        table(
          'credit_lines',
          'Credit lines',
          [
            col('month', 'Month', 'text', 8),
            col('serviceLevel', 'Service level', 'text', 24),
            col('breached', 'Breached periods', 'text', 14),
            col('allocation', 'Pool allocation', 'percent', 9),
            money('uncapped', 'Uncapped'),
            money('capped', 'Capped'),
            money('payable', 'Payable'),
            col('earnBack', 'Earn-back', 'text', 10),
            col('settlement', 'Settlement', 'text', 10),
            col('explanation', 'Explanation', 'text', 36),
          ],
          lines,
          true,
        ),
      ],
    };
  }

  private sitesSection(sites: SiteComparisonDto | null, definitions: ReadonlyMap<string, KpiDefinition>): ReviewSection {
    const rows: ReviewRow[] = [];
    for (const kpi of sites?.kpis ?? []) {
      const type = unitType(definitions.get(kpi.kpiCode));
      for (const cell of kpi.cells) {
        const column = sites?.columns.find((c) => c.key === cell.key);
        rows.push({
          key: `${kpi.kpiCode}|${cell.key}`,
          cells: {
            kpi: kpi.name,
            site: column?.label ?? cell.key,
            city: column?.city ?? '',
            value: round(cell.value),
            overall: round(kpi.overall),
            vsOverall: round(cell.vsOverall),
            rank: cell.rank,
            observations: cell.observationCount,
          },
          types: { value: type, overall: type, vsOverall: type },
        });
      }
    }
    return {
      key: 'sites',
      title: SECTION_TITLES.sites,
      paragraphs: [
        sites
          ? `Each KPI per site over ${sites.from}..${sites.to}, recomputed from the components; rank 1 is the best site, "vs all sites" is direction-aware (positive = better).`
          : 'The quarter has not started yet.',
      ],
      charts: [],
      tables: [
        table(
          'site_comparison',
          'Sites side by side',
          [
            col('kpi', 'KPI', 'text', 20),
            col('site', 'Site', 'text', 20),
            col('city', 'City', 'text', 14),
            col('value', 'Value', 'decimal', 10),
            col('overall', 'All sites', 'decimal', 10),
            col('vsOverall', 'vs all sites', 'decimal', 10),
            col('rank', 'Rank', 'integer', 6),
            col('observations', 'Observations', 'integer', 10),
          ],
          rows,
          true,
        ),
      ],
    };
  }

  private dataSection(
    restatements: Awaited<ReturnType<QbrSectionSource['restatements']>>,
    timeliness: Awaited<ReturnType<QbrSectionSource['timeliness']>>,
    card: ProviderScorecardDto,
  ): ReviewSection {
    const freshness = card.components.find((c) => c.key === 'data_timeliness');
    return {
      key: 'data',
      title: SECTION_TITLES.data,
      paragraphs: [
        `${restatements.reduce((s, r) => s + r.restatedObservations, 0)} observation(s) of the quarter were restated by the provider. ${freshness ? `Data timeliness: ${freshness.detail}.` : ''}`.trim(),
      ],
      charts: [],
      tables: [
        table(
          'restatements',
          'Restatements',
          [
            col('month', 'Month', 'text', 8),
            col('kpi', 'KPI', 'text', 14),
            col('site', 'Site', 'text', 16),
            col('serviceLine', 'Service line', 'text', 10),
            col('queue', 'Queue', 'text', 12),
            col('count', 'Observations restated', 'integer', 10),
            col('oldNumerator', 'Numerator before', 'decimal', 12),
            col('newNumerator', 'Numerator after', 'decimal', 12),
            col('lastRestatedAt', 'Last restated', 'datetime', 16),
          ],
          restatements.map((r) => ({
            key: `${r.month}|${r.kpiCode}|${r.siteCode}|${r.serviceLine}|${r.queue}`,
            cells: {
              month: r.month,
              kpi: r.kpiCode,
              site: `${r.city} (${r.siteCode})`,
              serviceLine: r.serviceLine,
              queue: r.queue,
              count: r.restatedObservations,
              oldNumerator: r.oldNumerator,
              newNumerator: r.newNumerator,
              lastRestatedAt: r.lastRestatedAt,
            },
          })),
          false,
        ),
        table(
          'data_timeliness',
          'Data feeds',
          [
            col('feed', 'Feed', 'text', 24),
            col('connector', 'Connector', 'text', 12),
            col('runs', 'Runs', 'integer', 7),
            col('succeeded', 'Succeeded', 'integer', 9),
            col('partial', 'Partial', 'integer', 8),
            col('failed', 'Failed or rejected', 'integer', 9),
            col('rowsReceived', 'Rows received', 'integer', 11),
            col('rowsRejected', 'Rows rejected', 'integer', 10),
            col('lastSuccessAt', 'Last success', 'datetime', 16),
            col('meanDelayHours', 'Mean delay (hours)', 'decimal', 10),
          ],
          timeliness.map((f) => ({
            key: f.feedId ?? f.feedName,
            cells: {
              feed: f.feedName,
              connector: f.connector,
              runs: f.runs,
              succeeded: f.succeeded,
              partial: f.partial,
              failed: f.failed,
              rowsReceived: f.rowsReceived,
              rowsRejected: f.rowsRejected,
              lastSuccessAt: f.lastSuccessAt,
              meanDelayHours: round(f.meanDelayHours, 2),
            },
          })),
          false,
        ),
      ],
    };
  }

  private commentarySection(commentary: string, actions: readonly { action: string; owner: string; dueDate: string | null }[], author: string | null): ReviewSection {
    return {
      key: 'commentary',
      title: SECTION_TITLES.commentary,
      paragraphs: commentary.trim()
        ? [...commentary.split(/\n{2,}/).map((p) => p.trim()).filter(Boolean), ...(author ? [`Account manager: ${author}`] : [])]
        : ['No commentary was entered for this quarter.'],
      charts: [],
      tables: [
        table(
          'commentary',
          'Commentary',
          [col('commentary', 'Commentary', 'text', 100)],
          commentary.trim() ? [{ key: 'commentary', cells: { commentary } }] : [],
          false,
        ),
        table(
          'agreed_actions',
          'Agreed actions',
          [col('number', '#', 'integer', 4), col('action', 'Action', 'text', 50), col('owner', 'Owner', 'text', 20), col('dueDate', 'Due', 'date', 12)],
          actions.map((a, index) => ({ key: String(index + 1), cells: { number: index + 1, action: a.action, owner: a.owner, dueDate: a.dueDate } })),
          false,
        ),
      ],
    };
  }
}

function trendParagraphs(charts: readonly ReviewChart[]): string[] {
  if (charts.length === 0) return ['No KPI with a service level to chart.'];
  const markers = charts.reduce((sum, chart) => sum + chart.markers.length, 0);
  return [
    `Weekly values of the KPIs with a service level, all sites together. Dashed red lines mark the start of a drift event or QA regression (${markers} in the quarter).`,
  ];
}
