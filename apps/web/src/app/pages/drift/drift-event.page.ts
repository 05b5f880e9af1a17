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
import { TranslocoPipe } from '@jsverse/transloco';
import { DriftAttributionDimension, DriftMarkerDto, KpiTrendPointDto } from '@kpi/contracts';
import { formatKpiValue } from '@kpi/domain';
import { DriftEventStore, KpisStore } from '@kpi/web-data-access';
import {
  CsvExportComponent,
  EmptyStateComponent,
  ErrorPanelComponent,
  formatIsoDate,
  KpiChartOverlay,
  KpiTrendChartComponent,
  LoadingIndicatorComponent,
  SortableTable,
  SortHeaderComponent,
  Translator,
} from '@kpi/web-ui';
import { APP_NAME } from '../../core/page-title.strategy';
import { describeSlice, findingLabel, formatChange, Translate } from './drift.constants';

/** One slice of an attribution table, formatted; the raw numbers sort and export. */
interface AttributionRow {
  readonly key: string;
  readonly label: string;
  readonly before: string;
  readonly after: string;
  readonly weights: string;
  readonly rate: string;
  readonly mix: string;
  readonly contribution: string;
  readonly share: string;
  readonly isTop: boolean;
  readonly raw: {
    readonly before: number | null;
    readonly after: number | null;
    readonly afterWeight: number;
    readonly rate: number;
    readonly mix: number;
    readonly contribution: number;
    readonly share: number | null;
  };
}

/** One drift event: explanation, since when, magnitude, the evidence chart, the attribution and the history. */
@Component({
  selector: 'kpi-drift-event-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    TranslocoPipe,
    CsvExportComponent,
    SortHeaderComponent,
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
  private readonly translator = inject(Translator);
  private readonly t: Translate = (key, params) => this.translator.t(key, params);

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
      slice: describeSlice(e, this.t),
      kindLabel: this.t('drift.kinds.' + e.kind),
      findingLabel: findingLabel(e.findingKind, this.t),
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
        ...marker('start', e.startDate, this.t('drift.event.markerSince', { date: formatIsoDate(e.startDate) })),
        ...marker('detected', e.openedOn, this.t('drift.event.markerDetected', { date: formatIsoDate(e.openedOn) })),
        ...marker('resolved', e.resolvedOn, this.t('drift.event.markerResolved', { date: formatIsoDate(e.resolvedOn) })),
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
      windows: this.t('drift.event.windows', {
        beforeFrom: formatIsoDate(a.before.from),
        beforeTo: formatIsoDate(a.before.to),
        afterFrom: formatIsoDate(a.after.from),
        afterTo: formatIsoDate(a.after.to),
      }),
      total: `${value(a.beforeValue)} → ${value(a.afterValue)}`,
      top: a.top,
      dimensions: a.dimensions.map((d) => ({
        dimension: d.dimension,
        label: this.t('drift.event.dimensions.' + d.dimension),
        table: this.attributionTable(d.dimension),
        rows: d.rows.map((r): AttributionRow => ({
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
          raw: {
            before: r.beforeValue,
            after: r.afterValue,
            afterWeight: r.afterWeight,
            rate: r.rateEffect,
            mix: r.mixEffect,
            contribution: r.contribution,
            share: r.share,
          },
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
    if (e && kpi) this.title.setTitle(`${this.t('drift.event.documentTitle', { kpi: kpi.name, provider: e.providerName })} · ${APP_NAME}`);
  }

  /** One sortable table per attribution dimension, kept across reloads and language switches so its sort stays. */
  private readonly attributionTables = new Map<DriftAttributionDimension, SortableTable<AttributionRow>>();

  private attributionTable(dimension: DriftAttributionDimension): SortableTable<AttributionRow> {
    let table = this.attributionTables.get(dimension);
    if (!table) {
      const rows = computed(() => this.attribution()?.dimensions.find((d) => d.dimension === dimension)?.rows ?? []);
      const column = (key: string, headerKey: string, value: (row: AttributionRow) => string | number | null) => ({
        key,
        header: () => this.t(headerKey),
        value,
      });
      table = new SortableTable<AttributionRow>(
        [
          column('slice', 'drift.event.columns.slice', (row) => row.label),
          column('before', 'drift.event.columns.before', (row) => row.raw.before),
          column('now', 'drift.event.columns.now', (row) => row.raw.after),
          column('volumeShare', 'drift.event.columns.volumeShare', (row) => row.raw.afterWeight),
          column('rateEffect', 'drift.event.columns.rateEffect', (row) => row.raw.rate),
          column('mixEffect', 'drift.event.columns.mixEffect', (row) => row.raw.mix),
          column('contribution', 'drift.event.columns.contribution', (row) => row.raw.contribution),
          column('shareOfChange', 'drift.event.columns.shareOfChange', (row) => row.raw.share),
        ],
        rows,
      );
      this.attributionTables.set(dimension, table);
    }
    return table;
  }
}
