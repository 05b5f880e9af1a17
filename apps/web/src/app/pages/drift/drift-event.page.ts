import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  untracked,
} from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { DriftAttributionDimension, DriftMarkerDto, KpiTrendPointDto } from '@kpi/contracts';
import { formatKpiValue } from '@kpi/domain';
import { DriftEventStore, KpisStore } from '@kpi/web-data-access';
import {
  EmptyStateComponent,
  ErrorPanelComponent,
  formatIsoDate,
  KpiChartOverlay,
  KpiTrendChartComponent,
  LoadingIndicatorComponent,
} from '@kpi/web-ui';
import { APP_NAME } from '../../core/page-title.strategy';
import { describeSlice, DRIFT_KIND_LABELS, findingLabel, formatChange } from './drift.constants';

const DIMENSION_LABELS: Record<DriftAttributionDimension, string> = {
  site: 'By site',
  service_line: 'By service line',
  site_line: 'By site and service line',
  queue: 'By team / queue',
};

/** One drift event: explanation, since when, magnitude, the evidence chart, the attribution and the history. */
@Component({
  selector: 'kpi-drift-event-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    EmptyStateComponent,
    ErrorPanelComponent,
    KpiTrendChartComponent,
    LoadingIndicatorComponent,
  ],
  providers: [DriftEventStore],
  templateUrl: './drift-event.page.html',
  styleUrl: './drift.page.css',
})
export class DriftEventPage {
  protected readonly store = inject(DriftEventStore);
  private readonly kpis = inject(KpisStore);
  private readonly title = inject(Title);

  /** Bound from the `:id` route parameter. */
  readonly id = input.required<string>();

  protected readonly event = this.store.event;
  protected readonly formatDate = formatIsoDate;
  protected readonly kpi = computed(() => {
    const e = this.event();
    return e ? this.kpis.definitionFor(e.kpiCode) : null;
  });
  protected readonly view = computed(() => {
    const e = this.event();
    const kpi = this.kpi();
    if (!e || !kpi) return null;
    return {
      slice: describeSlice(e),
      kindLabel: DRIFT_KIND_LABELS[e.kind],
      findingLabel: findingLabel(e.findingKind),
      change: formatChange(e.magnitude, e.findingKind),
      before: e.baselineValue !== null ? formatKpiValue(kpi, e.baselineValue) : null,
      now: e.currentValue !== null ? formatKpiValue(kpi, e.currentValue) : null,
    };
  });
  /** The evidence as chart points: the weeks before the start, then the changed regime. */
  protected readonly evidencePoints = computed<KpiTrendPointDto[]>(() =>
    (this.event()?.evidence ?? []).map((p) => ({
      periodStart: p.date,
      value: p.value,
      numerator: 0,
      denominator: null,
    })),
  );
  protected readonly evidenceOverlay = computed<KpiChartOverlay | null>(() => {
    const e = this.event();
    if (!e) return null;
    const marker = (type: DriftMarkerDto['type'], date: string | null, label: string): DriftMarkerDto[] =>
      date
        ? [{ eventId: e.id, type, date, kind: e.kind, direction: e.direction, status: e.status, label }]
        : [];
    return {
      band: [],
      markers: [
        ...marker('start', e.startDate, `Since ${formatIsoDate(e.startDate)}`),
        ...marker('detected', e.openedOn, `Detected ${formatIsoDate(e.openedOn)}`),
        ...marker('resolved', e.resolvedOn, `Resolved ${formatIsoDate(e.resolvedOn)}`),
      ],
    };
  });
  protected readonly attribution = computed(() => {
    const e = this.event();
    const kpi = this.kpi();
    if (!e?.attribution || !kpi) return null;
    const a = e.attribution;
    const value = (v: number | null) => formatKpiValue(kpi, v);
    const signed = (v: number) => {
      const text = formatKpiValue(kpi, Math.abs(v));
      // A contribution that rounds to nothing gets no sign.
      return /[1-9]/.test(text) ? `${v >= 0 ? '+' : '−'}${text}` : text;
    };
    const share = (v: number) => {
      const pct = Math.round(v * 100);
      return `${pct < 0 ? '−' : ''}${Math.abs(pct)} %`;
    };
    return {
      windows: `${formatIsoDate(a.before.from)} – ${formatIsoDate(a.before.to)} against ${formatIsoDate(a.after.from)} – ${formatIsoDate(a.after.to)}`,
      total: `${value(a.beforeValue)} → ${value(a.afterValue)}`,
      top: a.top,
      dimensions: a.dimensions.map((d) => ({
        dimension: d.dimension,
        label: DIMENSION_LABELS[d.dimension],
        rows: d.rows.map((r) => ({
          key: r.key,
          label: r.label,
          before: value(r.beforeValue),
          after: value(r.afterValue),
          weights: `${share(r.beforeWeight)} → ${share(r.afterWeight)}`,
          rate: signed(r.rateEffect),
          mix: signed(r.mixEffect),
          contribution: signed(r.contribution),
          share: r.share === null ? '–' : share(r.share),
          isTop: a.top?.dimension === d.dimension && a.top.key === r.key,
        })),
      })),
    };
  });
  protected readonly history = computed(() =>
    (this.event()?.history ?? []).map((h, i) => ({
      ...h,
      i,
      date: formatIsoDate(h.dataDate),
      change: formatChange(h.magnitude),
    })),
  );

  constructor() {
    this.kpis.ensureLoaded();
    effect(() => {
      const id = this.id();
      untracked(() => this.store.open(id));
    });
    effect(() => this.updateDocumentTitle());
  }

  private updateDocumentTitle(): void {
    const e = this.event();
    const kpi = this.kpi();
    if (e && kpi) this.title.setTitle(`${kpi.name} drift · ${e.providerName} · ${APP_NAME}`);
  }
}
