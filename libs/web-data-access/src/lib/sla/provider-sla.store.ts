import { DestroyRef, inject, Injectable, signal } from '@angular/core';
import {
  ProviderAttainmentDto,
  ProviderBurnRateDto,
  ProviderCreditsDto,
  ProviderScorecardDto,
  SiteComparisonDto,
} from '@kpi/contracts';
import { Loadable } from '../core/loadable';
import { SlaApi } from './sla.api';

/**
 * The SLA sections of one provider's page: attainment by month, burn rate of the open period, credits,
 * scorecard and the side-by-side site comparison. Each part loads (and fails) on its own.
 * Provide it in the component that shows them.
 */
@Injectable()
export class ProviderSlaStore {
  private readonly api = inject(SlaApi);
  private readonly attainmentState = new Loadable<ProviderAttainmentDto>();
  private readonly burnState = new Loadable<ProviderBurnRateDto>();
  private readonly creditsState = new Loadable<ProviderCreditsDto>();
  private readonly scorecardState = new Loadable<ProviderScorecardDto>();
  private readonly comparisonState = new Loadable<SiteComparisonDto>();
  private readonly providerId = signal<string | null>(null);

  readonly attainment = this.attainmentState.data;
  readonly attainmentStatus = this.attainmentState.status;
  readonly attainmentError = this.attainmentState.error;
  readonly burnRate = this.burnState.data;
  readonly burnRateStatus = this.burnState.status;
  readonly burnRateError = this.burnState.error;
  readonly credits = this.creditsState.data;
  readonly creditsStatus = this.creditsState.status;
  readonly creditsError = this.creditsState.error;
  readonly scorecard = this.scorecardState.data;
  readonly scorecardStatus = this.scorecardState.status;
  readonly scorecardError = this.scorecardState.error;
  readonly comparison = this.comparisonState.data;
  readonly comparisonStatus = this.comparisonState.status;
  readonly comparisonError = this.comparisonState.error;
  readonly comparisonBy = signal<'site' | 'city'>('site');

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      for (const state of [this.attainmentState, this.burnState, this.creditsState, this.scorecardState, this.comparisonState]) {
        state.cancel();
      }
    });
  }

  open(providerId: string): void {
    this.providerId.set(providerId);
    this.loadAttainment();
    this.loadBurnRate();
    this.loadCredits();
    this.loadScorecard();
    this.loadComparison();
  }

  loadAttainment(): void {
    const id = this.providerId();
    if (id) this.attainmentState.load(this.api.attainment(id), { clearData: true });
  }

  loadBurnRate(): void {
    const id = this.providerId();
    if (id) this.burnState.load(this.api.burnRate(id), { clearData: true });
  }

  loadCredits(): void {
    const id = this.providerId();
    if (id) this.creditsState.load(this.api.credits(id), { clearData: true });
  }

  loadScorecard(): void {
    const id = this.providerId();
    if (id) this.scorecardState.load(this.api.scorecard(id), { clearData: true });
  }

  loadComparison(): void {
    const id = this.providerId();
    if (id) this.comparisonState.load(this.api.siteComparison(id, { by: this.comparisonBy() }));
  }

  compareBy(by: 'site' | 'city'): void {
    this.comparisonBy.set(by);
    this.loadComparison();
  }
}
