import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { AuthStore, ContractsStore, ProvidersStore, toApiError } from '@kpi/web-data-access';
import { EmptyStateComponent, ErrorPanelComponent, formatIsoDate, formatMoney, LoadingIndicatorComponent } from '@kpi/web-ui';
import { ContractTermsFormComponent, TermsFormResult } from './contract-terms-form.component';

/** The SLA contracts of the user's providers; admins and account managers create new ones. */
@Component({
  selector: 'kpi-contracts-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, EmptyStateComponent, ErrorPanelComponent, LoadingIndicatorComponent, ContractTermsFormComponent],
  providers: [ContractsStore],
  templateUrl: './contracts.page.html',
  styleUrl: './contracts.page.css',
})
export class ContractsPage implements OnInit {
  protected readonly store = inject(ContractsStore);
  private readonly providersStore = inject(ProvidersStore);
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);

  protected readonly canCreate = computed(() => {
    const role = this.auth.user()?.role;
    return role === 'admin' || role === 'account_manager';
  });
  protected readonly providers = this.providersStore.providers;
  protected readonly creating = signal(false);
  protected readonly saving = signal(false);
  protected readonly serverError = signal<string | null>(null);
  protected readonly rows = computed(() =>
    this.store.contracts().map((contract) => ({
      contract,
      terms: contract.currentVersion
        ? `v${contract.currentVersion.version} since ${formatIsoDate(contract.currentVersion.effectiveFrom)}`
        : 'no terms',
      fee: contract.currentVersion ? formatMoney(contract.currentVersion.monthlyFee, contract.currentVersion.currency) : '–',
      atRisk: contract.currentVersion ? `${contract.currentVersion.atRiskPct} %` : '–',
    })),
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
