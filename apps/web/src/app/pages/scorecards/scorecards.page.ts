import { ChangeDetectionStrategy, Component, computed, effect, inject, OnInit, signal, untracked } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { SCORECARD_COMPONENT_KEYS, ScorecardComponentKey, validateScorecardWeights } from '@kpi/domain';
import { AuthStore, ScorecardsStore, toApiError } from '@kpi/web-data-access';
import {
  CsvExportComponent,
  EmptyStateComponent,
  ErrorPanelComponent,
  formatMonth,
  LoadingIndicatorComponent,
  SortableTable,
  SortHeaderComponent,
  TableColumn,
  Translate,
  Translator,
} from '@kpi/web-ui';

interface RankingRow {
  readonly provider: { providerId: string; providerCode: string; providerName: string; rank: number; score: number | null };
  readonly score: string;
  readonly components: readonly { key: ScorecardComponentKey; value: number | null; text: string }[];
}

/** The caller's providers ranked by scorecard, with the admin-set weights behind the score. */
@Component({
  selector: 'kpi-scorecards-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ReactiveFormsModule, TranslocoPipe, CsvExportComponent, EmptyStateComponent, ErrorPanelComponent, LoadingIndicatorComponent, SortHeaderComponent],
  providers: [ScorecardsStore],
  templateUrl: './scorecards.page.html',
  styleUrl: './scorecards.page.css',
})
export class ScorecardsPage implements OnInit {
  protected readonly store = inject(ScorecardsStore);
  private readonly auth = inject(AuthStore);
  private readonly translator = inject(Translator);
  private readonly t: Translate = (key, params) => this.translator.t(key, params);

  protected readonly isAdmin = this.auth.isAdmin;
  protected readonly keys = SCORECARD_COMPONENT_KEYS;
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
  protected readonly rows = computed<RankingRow[]>(() =>
    this.store.providers().map((provider) => ({
      provider,
      score: provider.score === null ? '–' : provider.score.toFixed(1),
      components: this.keys.map((key) => {
        const component = provider.components.find((candidate) => candidate.key === key);
        const value = component?.score ?? null;
        return { key, value, text: value === null ? this.t('scorecards.notAvailable') : value.toFixed(1) };
      }),
    })),
  );
  protected readonly table = new SortableTable<RankingRow>(
    [
      { key: 'rank', header: () => this.t('scorecards.columns.rank'), value: (r) => r.provider.rank },
      { key: 'provider', header: () => this.t('scorecards.columns.provider'), value: (r) => r.provider.providerName },
      { key: 'score', header: () => this.t('scorecards.columns.score'), value: (r) => r.provider.score },
      ...this.keys.map(
        (key): TableColumn<RankingRow> => ({
          key,
          header: () => this.t('scorecards.components.' + key),
          value: (r) => r.components.find((component) => component.key === key)?.value ?? null,
        }),
      ),
    ],
    this.rows,
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
