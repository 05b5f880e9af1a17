import { ChangeDetectionStrategy, Component, computed, effect, inject, OnInit, signal, untracked } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { SCORECARD_COMPONENT_KEYS, ScorecardComponentKey, validateScorecardWeights } from '@kpi/domain';
import { AuthStore, ScorecardsStore, toApiError } from '@kpi/web-data-access';
import { EmptyStateComponent, ErrorPanelComponent, formatMonth, LoadingIndicatorComponent } from '@kpi/web-ui';

const LABELS: Record<ScorecardComponentKey, string> = {
  sla_attainment: 'SLA attainment',
  qa_score: 'QA score',
  escalation_responsiveness: 'Escalation responsiveness',
  data_timeliness: 'Data timeliness',
};

/** The caller's providers ranked by scorecard, with the admin-set weights behind the score. */
@Component({
  selector: 'kpi-scorecards-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ReactiveFormsModule, EmptyStateComponent, ErrorPanelComponent, LoadingIndicatorComponent],
  providers: [ScorecardsStore],
  templateUrl: './scorecards.page.html',
  styleUrl: './scorecards.page.css',
})
export class ScorecardsPage implements OnInit {
  protected readonly store = inject(ScorecardsStore);
  private readonly auth = inject(AuthStore);

  protected readonly isAdmin = this.auth.isAdmin;
  protected readonly keys = SCORECARD_COMPONENT_KEYS;
  protected readonly labels = LABELS;
  protected readonly form = inject(NonNullableFormBuilder).group({
    sla_attainment: '',
    qa_score: '',
    escalation_responsiveness: '',
    data_timeliness: '',
  });
  protected readonly weightsError = signal<string | null>(null);
  protected readonly weightsSaved = signal(false);
  protected readonly saving = signal(false);
  protected readonly period = computed(() => {
    const ranking = this.store.ranking();
    if (!ranking) return '';
    return ranking.from === ranking.to ? formatMonth(ranking.from) : `${formatMonth(ranking.from)} – ${formatMonth(ranking.to)}`;
  });
  protected readonly rows = computed(() =>
    this.store.providers().map((provider) => ({
      provider,
      score: provider.score === null ? '–' : provider.score.toFixed(1),
      components: this.keys.map((key) => {
        const component = provider.components.find((candidate) => candidate.key === key);
        return { key, text: component?.score === null || component === undefined ? 'n/a' : component.score.toFixed(1) };
      }),
    })),
  );

  constructor() {
    effect(() => {
      const weights = this.store.ranking()?.weights;
      if (weights) untracked(() => this.form.reset(Object.fromEntries(this.keys.map((key) => [key, String(weights[key])])) as never));
    });
  }

  ngOnInit(): void {
    this.store.load();
  }

  protected saveWeights(): void {
    const raw = this.form.getRawValue();
    const weights = Object.fromEntries(this.keys.map((key) => [key, Number(String(raw[key]).replace(',', '.'))]));
    const validation = validateScorecardWeights(weights);
    this.weightsSaved.set(false);
    if (!validation.ok) {
      this.weightsError.set(validation.issues.map((issue) => issue.message).join(' '));
      return;
    }
    this.weightsError.set(null);
    this.saving.set(true);
    this.store.saveWeights(weights).subscribe({
      next: () => {
        this.saving.set(false);
        this.weightsSaved.set(true);
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.weightsError.set(toApiError(error).message);
      },
    });
  }
}
