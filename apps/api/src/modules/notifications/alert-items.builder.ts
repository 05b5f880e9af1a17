import { Injectable, Logger } from '@nestjs/common';
import type { AlertChangeType, KpiUnit, ServiceLineCode } from '@kpi/domain';
import type { KpiDefinitionDto } from '@kpi/contracts';
import { AppConfig } from '../../config/app-config.service';
import type { AlertEventRecord, SqlExecutor } from '../alerts/alert.types';
import { ProviderScope } from '../auth/provider-scope';
import { ChartRendererService } from '../charts/chart-renderer.service';
import { EMAIL_CHART_HEIGHT, EMAIL_CHART_WIDTH } from '../charts/charts.constants';
import { MetricsService } from '../metrics/metrics.service';
import { MESSAGE_ID_DOMAIN } from './notifications.constants';
import type { NewInlineImage } from './outbox.types';
import type { AlertItemView } from './templates/email-view.types';
import { formatAxisValue, formatDay, formatKpiValue, formatRelativeChange } from './templates/format';

export interface AlertItemEntry {
  alert: AlertEventRecord;
  change: AlertChangeType | 'reminder';
}

export interface BuiltAlertItems {
  views: AlertItemView[];
  images: NewInlineImage[];
}

/** Fewer daily points than this and the trend image is left out. */
const MIN_CHART_POINTS = 7;

/**
 * Turns alerts into what an email shows: since when, how much (in the KPI's unit), the explanation, a link
 * into the dashboard and a small trend image of the KPI with the change period shaded.
 */
@Injectable()
export class AlertItemBuilder {
  private readonly logger = new Logger('AlertItems');

  constructor(
    private readonly metrics: MetricsService,
    private readonly charts: ChartRendererService,
    private readonly config: AppConfig,
  ) {}

  async build(db: SqlExecutor, entries: AlertItemEntry[], maxCharts: number): Promise<BuiltAlertItems> {
    if (entries.length === 0) return { views: [], images: [] };
    const kpis = new Map((await this.metrics.listKpis()).map((k) => [k.code, k]));
    const providerNames = await this.lookup(db, 'providers', 'name', entries.map((e) => e.alert.providerId));
    const escalationNumbers = await this.lookup(
      db,
      'escalations',
      'number',
      entries.map((e) => e.alert.escalationId).filter((id): id is string => id !== null),
    );
    const views: AlertItemView[] = [];
    const images: NewInlineImage[] = [];
    for (const [index, { alert, change }] of entries.entries()) {
      const kpi = alert.kpiCode ? (kpis.get(alert.kpiCode) ?? null) : null;
      const image = images.length < maxCharts ? await this.chart(alert, kpi, index) : null;
      if (image) images.push(image.image);
      const number = alert.escalationId ? escalationNumbers.get(alert.escalationId) : undefined;
      views.push({
        change,
        severity: alert.severity,
        kind: alert.kind,
        providerName: providerNames.get(alert.providerId) ?? 'Provider',
        title: alert.title,
        scopeLabel: alert.scopeLabel,
        since: alert.since ? formatDay(alert.since) : null,
        howMuch: describeHowMuch(alert, kpi),
        explanation: alert.explanation,
        link: this.linkFor(alert),
        escalationReference: number !== undefined ? escalationReference(Number(number)) : null,
        chart: image?.view ?? null,
      });
    }
    return { views, images };
  }

  /** Where "Open in KPI Governance" goes: the escalation when there is one, else the provider's page. */
  linkFor(alert: AlertEventRecord): string {
    const base = this.config.publicUrl.replace(/\/$/, '');
    if (alert.escalationId) return `${base}/escalations/${alert.escalationId}`;
    return `${base}/providers/${alert.providerId}`;
  }

  private async chart(
    alert: AlertEventRecord,
    kpi: KpiDefinitionDto | null,
    index: number,
  ): Promise<{ image: NewInlineImage; view: NonNullable<AlertItemView['chart']> } | null> {
    if (!alert.kpiCode || !kpi) return null;
    try {
      const trend = await this.metrics.trend(ProviderScope.all(), alert.providerId, alert.kpiCode, {
        granularity: 'day',
        siteId: alert.siteId ?? undefined,
        serviceLine: (alert.serviceLine as ServiceLineCode | null) ?? undefined,
      });
      const points = trend.points.map((p) => ({ date: p.periodStart, value: p.value }));
      if (points.filter((p) => p.value !== null).length < MIN_CHART_POINTS) return null;
      const png = this.charts.renderTrendPng({
        points,
        changeStart: alert.since,
        formatValue: (v) => formatAxisValue(v, kpi.unit as KpiUnit),
        title: alert.scopeLabel.includes(kpi.name) ? alert.scopeLabel : `${kpi.name} · ${alert.scopeLabel}`,
      });
      const contentId = `chart-${index + 1}-${alert.id}@${MESSAGE_ID_DOMAIN}`;
      return {
        image: { contentId, filename: `${alert.kpiCode}-trend-${index + 1}.png`, contentType: 'image/png', content: png },
        view: {
          contentId,
          alt: `Daily ${kpi.name} at ${alert.scopeLabel}, ${trend.from} to ${trend.to}${alert.since ? `, change since ${alert.since}` : ''}`,
          width: EMAIL_CHART_WIDTH,
          height: EMAIL_CHART_HEIGHT,
        },
      };
    } catch (error) {
      this.logger.warn(`No trend image for alert ${alert.id}: ${(error as Error).message}`);
      return null;
    }
  }

  private async lookup(db: SqlExecutor, table: 'providers' | 'escalations', column: 'name' | 'number', ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    // Table and column are identifiers from the literal types above (never request data); the ids are a parameter.
    const rows = await db.query(`SELECT id, ${column}::text AS value FROM ${table} WHERE id = ANY($1::uuid[])`, [unique]);
    return new Map(rows.map((r: { id: string; value: string }) => [r.id, r.value]));
  }
}

export function escalationReference(number: number): string {
  return `ESC-${String(number).padStart(4, '0')}`;
}

/** "+11.2 % (5:55 min → 6:35 min)", or whatever part is known. */
export function describeHowMuch(
  alert: Pick<AlertEventRecord, 'magnitude' | 'baselineValue' | 'currentValue'>,
  kpi: Pick<KpiDefinitionDto, 'unit' | 'displayPrecision'> | null,
): string | null {
  const relative = formatRelativeChange(alert.magnitude);
  const unit = (kpi?.unit as KpiUnit | undefined) ?? null;
  const precision = kpi?.displayPrecision ?? 1;
  const values =
    alert.baselineValue !== null && alert.currentValue !== null
      ? `${formatKpiValue(alert.baselineValue, unit, precision)} → ${formatKpiValue(alert.currentValue, unit, precision)}`
      : null;
  if (relative && values) return `${relative} (${values})`;
  return relative ?? values;
}
