import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { SlaContractSummaryDto } from '@kpi/contracts';
import { AuthStore, ContractsStore, ProvidersStore, toApiError } from '@kpi/web-data-access';
import {
  CsvExportComponent,
  EmptyStateComponent,
  ErrorPanelComponent,
  formatIsoDate,
  formatMoney,
  LoadingIndicatorComponent,
  SortableTable,
  SortHeaderComponent,
  Translate,
  Translator,
} from '@kpi/web-ui';
import { ContractTermsFormComponent, TermsFormResult } from './contract-terms-form.component';

interface ContractRow {
  readonly contract: SlaContractSummaryDto;
  readonly terms: string;
  readonly versions: string;
  readonly fee: string;
  readonly atRisk: string;
}

/** The SLA contracts of the user's providers; admins and account managers create new ones. */
@Component({
  selector: 'kpi-contracts-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    TranslocoPipe,
    CsvExportComponent,
    EmptyStateComponent,
    ErrorPanelComponent,
    LoadingIndicatorComponent,
    SortHeaderComponent,
    ContractTermsFormComponent,
  ],
  providers: [ContractsStore],
  templateUrl: './contracts.page.html',
  styleUrl: './contracts.page.css',
})
export class ContractsPage implements OnInit {
  protected readonly store = inject(ContractsStore);
  private readonly providersStore = inject(ProvidersStore);
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly translator = inject(Translator);
  private readonly t: Translate = (key, params) => this.translator.t(key, params);

  protected readonly canCreate = computed(() => {
    const role = this.auth.user()?.role;
    return role === 'admin' || role === 'account_manager';
  });
  protected readonly providers = this.providersStore.providers;
  protected readonly creating = signal(false);
  protected readonly saving = signal(false);
  protected readonly serverError = signal<string | null>(null);
  protected readonly rows = computed<ContractRow[]>(() =>
    this.store.contracts().map((contract) => ({
      contract,
      terms: contract.currentVersion
        ? this.t('contracts.list.termsSince', { version: contract.currentVersion.version, date: formatIsoDate(contract.currentVersion.effectiveFrom) })
        : this.t('contracts.list.noTerms'),
      versions: this.t(contract.versionCount === 1 ? 'contracts.list.versionCountOne' : 'contracts.list.versionCountMany', { count: contract.versionCount }),
      fee: contract.currentVersion ? formatMoney(contract.currentVersion.monthlyFee, contract.currentVersion.currency) : '–',
      atRisk: contract.currentVersion ? `${contract.currentVersion.atRiskPct} %` : '–',
    })),
  );
  protected readonly table = new SortableTable<ContractRow>(
    [
      { key: 'contract', header: () => this.t('contracts.list.columns.contract'), value: (r) => r.contract.name },
      { key: 'provider', header: () => this.t('contracts.list.columns.provider'), value: (r) => r.contract.providerName },
      {
        key: 'terms',
        header: () => this.t('contracts.list.columns.terms'),
        value: (r) => r.terms,
        sortValue: (r) => r.contract.currentVersion?.effectiveFrom ?? null,
      },
      { key: 'monthlyFee', header: () => this.t('contracts.list.columns.monthlyFee'), value: (r) => r.contract.currentVersion?.monthlyFee ?? null },
      { key: 'atRisk', header: () => this.t('contracts.list.columns.atRisk'), value: (r) => r.contract.currentVersion?.atRiskPct ?? null },
      { key: 'serviceLevels', header: () => this.t('contracts.list.columns.serviceLevels'), value: (r) => r.contract.serviceLevelCount },
      { key: 'exclusions', header: () => this.t('contracts.list.columns.exclusions'), value: (r) => r.contract.pendingExclusions },
    ],
    this.rows,
  );

  ngOnInit(): void {
    this.reload();
  }

  protected reload(): void {
    this.store.load();
    this.providersStore.load();
  }

  protected create(result: TermsFormResult): void {
    this.saving.set(true);
    this.serverError.set(null);
    this.store
      .create({
        providerId: result.providerId,
        name: result.name,
        reference: result.reference,
        terms: {
          currency: result.currency,
          monthlyFee: result.monthlyFee,
          atRiskPct: result.atRiskPct,
          effectiveFrom: result.effectiveFrom,
          effectiveTo: result.effectiveTo,
        },
      })
      .subscribe({
        next: (contract) => {
          this.saving.set(false);
          void this.router.navigate(['/contracts', contract.id]);
        },
        error: (error: unknown) => {
          this.saving.set(false);
          this.serverError.set(toApiError(error).message);
        },
      });
  }
}
