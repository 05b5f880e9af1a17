import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { ContractVersionDto, ServiceLevelDto, ServiceLevelRequest, SlaExclusionDto, SlaLevelDto } from '@kpi/contracts';
import { ContractStore, KpisStore, ProvidersStore, toApiError } from '@kpi/web-data-access';
import {
  CsvExportComponent,
  EmptyStateComponent,
  ErrorPanelComponent,
  formatIsoDate,
  formatMoney,
  formatSlaLevel,
  LoadingIndicatorComponent,
  SortableTable,
  SortHeaderComponent,
  Translate,
  Translator,
} from '@kpi/web-ui';
import { Observable } from 'rxjs';
import { APP_NAME } from '../../core/page-title.strategy';
import { ContractTermsFormComponent, TermsFormResult } from './contract-terms-form.component';
import { ExclusionFormComponent } from './exclusion-form.component';
import { ServiceLevelFormComponent } from './service-level-form.component';

type OpenForm =
  | { kind: 'add-level'; versionId: string }
  | { kind: 'edit-level'; versionId: string; level: ServiceLevelDto }
  | { kind: 'renegotiate'; version: ContractVersionDto }
  | { kind: 'edit-terms'; version: ContractVersionDto }
  | { kind: 'exclusion' };

interface ServiceLevelRow {
  readonly level: ServiceLevelDto;
  readonly kpiName: string;
  readonly target: string;
  readonly minimum: string;
  readonly kind: string;
  readonly earnBack: string;
}

interface ExclusionRow {
  readonly exclusion: SlaExclusionDto;
  readonly dates: string;
  readonly sites: string;
  readonly status: string;
}

/** Sorts a band by its low end. */
const levelSortValue = (level: SlaLevelDto): number => (typeof level === 'number' ? level : level.low);

/** One SLA contract: its versions with their service levels, and its exclusions. Admins and account managers edit. */
@Component({
  selector: 'kpi-contract-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    TranslocoPipe,
    CsvExportComponent,
    SortHeaderComponent,
    EmptyStateComponent,
    ErrorPanelComponent,
    LoadingIndicatorComponent,
    ServiceLevelFormComponent,
    ContractTermsFormComponent,
    ExclusionFormComponent,
  ],
  providers: [ContractStore],
  templateUrl: './contract.page.html',
  styleUrl: './contracts.page.css',
})
export class ContractPage {
  protected readonly store = inject(ContractStore);
  private readonly kpis = inject(KpisStore);
  private readonly providers = inject(ProvidersStore);
  private readonly title = inject(Title);
  private readonly translator = inject(Translator);
  private readonly t: Translate = (key, params) => this.translator.t(key, params);

  /** Bound from the `:id` route parameter. */
  readonly id = input.required<string>();

  protected readonly contract = this.store.contract;
  protected readonly openForm = signal<OpenForm | null>(null);
  protected readonly serverError = signal<string | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly kpiDefinitions = this.kpis.definitions;
  protected readonly provider = computed(() => {
    const contract = this.contract();
    return contract ? (this.providers.byId().get(contract.providerId) ?? null) : null;
  });
  /** Newest version first. */
  protected readonly versions = computed(() => {
    const contract = this.contract();
    if (!contract) return [];
    const latest = contract.versions[contract.versions.length - 1];
    return [...contract.versions].reverse().map((version) => ({
      version,
      latest: version.id === latest.id,
      period: `${formatIsoDate(version.effectiveFrom)} – ${version.effectiveTo ? formatIsoDate(version.effectiveTo) : this.t('contracts.detail.openEnded')}`,
      fee: formatMoney(version.monthlyFee, version.currency),
      atRisk: `${version.atRiskPct} % = ${formatMoney(version.atRiskAmount, version.currency)}`,
      pool: version.serviceLevels.filter((level) => level.kind === 'critical').reduce((sum, level) => sum + level.poolAllocationPct, 0),
      levels: version.serviceLevels.map((level): ServiceLevelRow => {
        const kpi = this.kpis.definitionFor(level.kpiCode);
        return {
          level,
          kpiName: kpi.name,
          target: formatSlaLevel(kpi, level.target),
          minimum: formatSlaLevel(kpi, level.minimum),
          kind: this.t('contracts.detail.kinds.' + level.kind),
          earnBack: level.earnBackPeriods ? this.t('contracts.detail.earnBackPeriods', { count: level.earnBackPeriods }) : '–',
        };
      }),
    }));
  });
  /** One sortable table per version, kept across reloads and language switches so its sort stays. */
  private readonly levelTables = new Map<string, SortableTable<ServiceLevelRow>>();
  protected readonly exclusions = computed<ExclusionRow[]>(() => {
    const contract = this.contract();
    const sites = this.provider()?.sites ?? [];
    return (contract?.exclusions ?? []).map((exclusion) => ({
      exclusion,
      dates: exclusion.from === exclusion.to ? formatIsoDate(exclusion.from) : `${formatIsoDate(exclusion.from)} – ${formatIsoDate(exclusion.to)}`,
      sites: exclusion.siteIds
        ? exclusion.siteIds.map((id) => sites.find((site) => site.id === id)?.city ?? id).join(', ')
        : this.t('contracts.detail.allSites'),
      status:
        exclusion.status === 'approved'
          ? this.t('contracts.detail.approvedBy', { name: exclusion.approvedBy ?? '' })
          : this.t('contracts.detail.pendingApproval'),
    }));
  });
  protected readonly exclusionsTable = new SortableTable<ExclusionRow>(
    [
      {
        key: 'dates',
        header: () => this.t('contracts.detail.exclusionColumns.dates'),
        value: (r) => r.dates,
        sortValue: (r) => r.exclusion.from,
      },
      { key: 'sites', header: () => this.t('contracts.detail.exclusionColumns.sites'), value: (r) => r.sites },
      { key: 'reason', header: () => this.t('contracts.detail.exclusionColumns.reason'), value: (r) => r.exclusion.reason },
      { key: 'requestedBy', header: () => this.t('contracts.detail.exclusionColumns.requestedBy'), value: (r) => r.exclusion.requestedBy },
      { key: 'status', header: () => this.t('contracts.detail.exclusionColumns.status'), value: (r) => r.status },
    ],
    this.exclusions,
  );

  constructor() {
    this.kpis.ensureLoaded();
    this.providers.load();
    effect(() => {
      const id = this.id();
      untracked(() => this.store.open(id));
    });
    effect(() => {
      const name = this.contract()?.name;
      if (name) this.title.setTitle(`${name} · ${APP_NAME}`);
    });
  }

  protected open(form: OpenForm): void {
    this.serverError.set(null);
    this.notice.set(null);
    this.openForm.set(form);
  }

  protected close(): void {
    this.openForm.set(null);
    this.serverError.set(null);
  }

  protected saveLevel(request: ServiceLevelRequest): void {
    const form = this.openForm();
    if (form?.kind === 'add-level') this.run(this.store.addServiceLevel(form.versionId, request), this.t('contracts.detail.notices.levelAdded', { name: request.name }));
    if (form?.kind === 'edit-level') {
      this.run(this.store.updateServiceLevel(form.versionId, form.level.id, request), this.t('contracts.detail.notices.levelSaved', { name: request.name }));
    }
  }

  protected saveTerms(result: TermsFormResult): void {
    const form = this.openForm();
    if (form?.kind === 'renegotiate') {
      this.run(
        this.store.renegotiate({
          effectiveFrom: result.effectiveFrom,
          currency: result.currency,
          monthlyFee: result.monthlyFee,
          atRiskPct: result.atRiskPct,
          notes: result.notes,
          copyServiceLevels: result.copyServiceLevels,
        }),
        this.t('contracts.detail.notices.renegotiated', { date: formatIsoDate(result.effectiveFrom) }),
      );
    }
    if (form?.kind === 'edit-terms') {
      this.run(
        this.store.updateVersion(form.version.id, {
          currency: result.currency,
          monthlyFee: result.monthlyFee,
          atRiskPct: result.atRiskPct,
          effectiveFrom: result.effectiveFrom,
          effectiveTo: result.effectiveTo,
          notes: result.notes,
        }),
        this.t('contracts.detail.notices.termsSaved'),
      );
    }
  }

  protected saveExclusion(request: Parameters<ContractStore['addExclusion']>[0]): void {
    this.run(this.store.addExclusion(request), this.t('contracts.detail.notices.exclusionRequested'));
  }

  protected deleteLevel(versionId: string, level: ServiceLevelDto): void {
    if (!confirm(this.t('contracts.detail.confirm.deleteLevel', { name: level.name }))) return;
    this.run(this.store.deleteServiceLevel(versionId, level.id), this.t('contracts.detail.notices.levelDeleted', { name: level.name }));
  }

  protected deleteVersion(version: ContractVersionDto): void {
    if (!confirm(this.t('contracts.detail.confirm.deleteVersion', { version: version.version }))) return;
    this.run(this.store.deleteVersion(version.id), this.t('contracts.detail.notices.versionDeleted', { version: version.version }));
  }

  protected approve(exclusionId: string): void {
    this.run(this.store.approveExclusion(exclusionId), this.t('contracts.detail.notices.exclusionApproved'));
  }

  protected deleteExclusion(exclusionId: string): void {
    if (!confirm(this.t('contracts.detail.confirm.deleteExclusion'))) return;
    this.run(this.store.deleteExclusion(exclusionId), this.t('contracts.detail.notices.exclusionDeleted'));
  }

  protected levelTable(versionId: string): SortableTable<ServiceLevelRow> {
    let table = this.levelTables.get(versionId);
    if (!table) {
      const rows = computed(() => this.versions().find((entry) => entry.version.id === versionId)?.levels ?? []);
      table = new SortableTable<ServiceLevelRow>(
        [
          { key: 'serviceLevel', header: () => this.t('contracts.detail.levelColumns.serviceLevel'), value: (r) => r.level.name },
          { key: 'kpi', header: () => this.t('contracts.detail.levelColumns.kpi'), value: (r) => r.kpiName },
          { key: 'scope', header: () => this.t('contracts.detail.levelColumns.scope'), value: (r) => r.level.scopeLabel },
          {
            key: 'target',
            header: () => this.t('contracts.detail.levelColumns.target'),
            value: (r) => r.target,
            sortValue: (r) => levelSortValue(r.level.target),
          },
          {
            key: 'minimum',
            header: () => this.t('contracts.detail.levelColumns.minimum'),
            value: (r) => r.minimum,
            sortValue: (r) => levelSortValue(r.level.minimum),
          },
          {
            key: 'period',
            header: () => this.t('contracts.detail.levelColumns.period'),
            value: (r) => this.t('contracts.serviceLevel.periods.' + r.level.measurementPeriod),
          },
          { key: 'kind', header: () => this.t('contracts.detail.levelColumns.kind'), value: (r) => r.kind },
          { key: 'pool', header: () => this.t('contracts.detail.levelColumns.pool'), value: (r) => r.level.poolAllocationPct },
          {
            key: 'earnBack',
            header: () => this.t('contracts.detail.levelColumns.earnBack'),
            value: (r) => r.earnBack,
            sortValue: (r) => r.level.earnBackPeriods,
          },
        ],
        rows,
      );
      this.levelTables.set(versionId, table);
    }
    return table;
  }

  private run<T>(change: Observable<T>, notice: string): void {
    this.serverError.set(null);
    change.subscribe({
      next: () => {
        this.openForm.set(null);
        this.notice.set(notice);
      },
      error: (error: unknown) => {
        const message = toApiError(error).message;
        if (this.openForm()) this.serverError.set(message);
        else this.notice.set(message);
      },
    });
  }
}
