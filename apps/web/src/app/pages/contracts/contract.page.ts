import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import type { ContractVersionDto, ServiceLevelDto, ServiceLevelRequest } from '@kpi/contracts';
import { ContractStore, KpisStore, ProvidersStore, toApiError } from '@kpi/web-data-access';
import {
  EmptyStateComponent,
  ErrorPanelComponent,
  formatIsoDate,
  formatMoney,
  formatSlaLevel,
  LoadingIndicatorComponent,
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

/** One SLA contract: its versions with their service levels, and its exclusions. Admins and account managers edit. */
@Component({
  selector: 'kpi-contract-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
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
      period: `${formatIsoDate(version.effectiveFrom)} – ${version.effectiveTo ? formatIsoDate(version.effectiveTo) : 'open-ended'}`,
      fee: formatMoney(version.monthlyFee, version.currency),
      atRisk: `${version.atRiskPct} % = ${formatMoney(version.atRiskAmount, version.currency)}`,
      pool: version.serviceLevels.filter((level) => level.kind === 'critical').reduce((sum, level) => sum + level.poolAllocationPct, 0),
      levels: version.serviceLevels.map((level) => {
        const kpi = this.kpis.definitionFor(level.kpiCode);
        return {
          level,
          kpiName: kpi.name,
          target: formatSlaLevel(kpi, level.target),
          minimum: formatSlaLevel(kpi, level.minimum),
        };
      }),
    }));
  });
  protected readonly exclusions = computed(() => {
    const contract = this.contract();
    const sites = this.provider()?.sites ?? [];
    return (contract?.exclusions ?? []).map((exclusion) => ({
      exclusion,
      dates: exclusion.from === exclusion.to ? formatIsoDate(exclusion.from) : `${formatIsoDate(exclusion.from)} – ${formatIsoDate(exclusion.to)}`,
      sites: exclusion.siteIds ? exclusion.siteIds.map((id) => sites.find((site) => site.id === id)?.city ?? id).join(', ') : 'All sites',
    }));
  });

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
    if (form?.kind === 'add-level') this.run(this.store.addServiceLevel(form.versionId, request), `Service level "${request.name}" added.`);
    if (form?.kind === 'edit-level') {
      this.run(this.store.updateServiceLevel(form.versionId, form.level.id, request), `Service level "${request.name}" saved.`);
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
        `New terms from ${formatIsoDate(result.effectiveFrom)}: earlier periods keep being judged by the previous version.`,
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
        'Terms saved.',
      );
    }
  }

  protected saveExclusion(request: Parameters<ContractStore['addExclusion']>[0]): void {
    this.run(this.store.addExclusion(request), 'Exclusion requested: it applies once an admin or account manager approves it.');
  }

  protected deleteLevel(versionId: string, level: ServiceLevelDto): void {
    if (!confirm(`Delete the service level "${level.name}" from this version?`)) return;
    this.run(this.store.deleteServiceLevel(versionId, level.id), `Service level "${level.name}" deleted.`);
  }

  protected deleteVersion(version: ContractVersionDto): void {
    if (!confirm(`Delete version ${version.version}?`)) return;
    this.run(this.store.deleteVersion(version.id), `Version ${version.version} deleted.`);
  }

  protected approve(exclusionId: string): void {
    this.run(this.store.approveExclusion(exclusionId), 'Exclusion approved: attainment and credits now leave those days out.');
  }

  protected deleteExclusion(exclusionId: string): void {
    if (!confirm('Delete this exclusion?')) return;
    this.run(this.store.deleteExclusion(exclusionId), 'Exclusion deleted.');
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
