import { computed, DestroyRef, inject, Injectable } from '@angular/core';
import { ScorecardRankingDto, ScorecardWeightsDto, UpdateScorecardWeightsRequest } from '@kpi/contracts';
import { Observable, tap } from 'rxjs';
import { Loadable } from '../core/loadable';
import { SlaApi } from './sla.api';

/** The scorecard ranking of the user's providers and the weights behind it. Provide it in the page. */
@Injectable()
export class ScorecardsStore {
  private readonly api = inject(SlaApi);
  private readonly rankingState = new Loadable<ScorecardRankingDto>();

  readonly ranking = this.rankingState.data;
  readonly status = this.rankingState.status;
  readonly error = this.rankingState.error;
  readonly providers = computed(() => this.ranking()?.providers ?? []);

  constructor() {
    inject(DestroyRef).onDestroy(() => this.rankingState.cancel());
  }

  load(): void {
    this.rankingState.load(this.api.ranking());
  }

  /** Saves admin weights, then ranks again with them; errors reach the caller. */
  saveWeights(weights: UpdateScorecardWeightsRequest): Observable<ScorecardWeightsDto> {
    return this.api.updateWeights(weights).pipe(tap(() => this.load()));
  }
}
