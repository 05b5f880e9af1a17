import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { ALERT_KINDS, SEVERITIES, type AlertKind, type Severity } from '@kpi/domain';
import { EscalationMatrixDto, SaveEscalationMatrixRequest } from '@kpi/contracts';
import { AuthStore, EscalationsApi, Loadable, toApiError } from '@kpi/web-data-access';
import {
  alertKindLabel,
  EmptyStateComponent,
  ErrorPanelComponent,
  formatMinutes,
  LoadingIndicatorComponent,
  severityLabel,
  Translate,
  Translator,
} from '@kpi/web-ui';

interface LevelDraft {
  name: string;
  ackHours: number;
  resolveHours: number;
  contacts: string;
}

/**
 * The escalation matrix of each provider: who is told at each level and how long each level has to acknowledge
 * and resolve, and which alerts open an escalation. Account managers and admins edit; everyone else reads.
 */
@Component({
  selector: 'kpi-escalation-matrix-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslocoPipe, EmptyStateComponent, ErrorPanelComponent, LoadingIndicatorComponent],
  templateUrl: './escalation-matrix.page.html',
  styleUrl: './escalation-matrix.page.css',
})
export class EscalationMatrixPage implements OnInit {
  private readonly api = inject(EscalationsApi);
  private readonly auth = inject(AuthStore);
  private readonly state = new Loadable<EscalationMatrixDto[]>();
  private readonly translator = inject(Translator);
  private readonly t: Translate = (key, params) => this.translator.t(key, params);

  protected readonly matrices = this.state.data;
  protected readonly status = this.state.status;
  protected readonly error = this.state.error;
  protected readonly canEdit = computed(() => ['admin', 'account_manager'].includes(this.auth.user()?.role ?? ''));
  protected readonly kinds = computed(() => ALERT_KINDS.map((value) => ({ value, label: alertKindLabel(value, this.t) })));
  protected readonly severities = computed(() =>
    SEVERITIES.map((value) => ({ value, label: this.t('escalations.filters.severityAndAbove', { severity: severityLabel(value, this.t) }) })),
  );

  /** The provider being edited, with its draft levels. */
  protected readonly editing = signal<string | null>(null);
  protected readonly drafts = signal<LevelDraft[]>([]);
  protected readonly saving = signal(false);
  protected readonly saveError = signal<string | null>(null);

  ngOnInit(): void {
    this.state.load(this.api.matrices());
  }

  protected formatMinutes(minutes: number | null): string {
    return formatMinutes(minutes, this.t);
  }

  protected edit(matrix: EscalationMatrixDto): void {
    this.editing.set(matrix.providerId);
    this.saveError.set(null);
    this.drafts.set(
      matrix.levels.map((level) => ({
        name: level.name,
        ackHours: level.ackWithinMinutes / 60,
        resolveHours: level.resolveWithinMinutes / 60,
        contacts: level.contacts.map((c) => c.email).join('\n'),
      })),
    );
  }

  protected addLevel(): void {
    this.drafts.update((levels) => [
      ...levels,
      { name: this.t('escalations.matrix.levelN', { level: levels.length + 1 }), ackHours: 1, resolveHours: 48, contacts: '' },
    ]);
  }

  protected removeLevel(index: number): void {
    this.drafts.update((levels) => levels.filter((_, i) => i !== index));
  }

  protected save(event: SubmitEvent, matrix: EscalationMatrixDto): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const rules: Partial<Record<AlertKind, Severity | null>> = {};
    for (const kind of ALERT_KINDS) {
      const value = String(form.get(`rule-${kind}`) ?? '');
      rules[kind] = value === 'never' ? null : (value as Severity);
    }
    const request: SaveEscalationMatrixRequest = {
      rules,
      levels: this.drafts().map((_, i) => ({
        name: String(form.get(`name-${i}`) ?? '').trim(),
        ackWithinMinutes: Math.round(Number(form.get(`ack-${i}`)) * 60),
        resolveWithinMinutes: Math.round(Number(form.get(`resolve-${i}`)) * 60),
        contacts: String(form.get(`contacts-${i}`) ?? '')
          .split(/[\n,;]+/)
          .map((email) => email.trim())
          .filter(Boolean)
          .map((email) => ({ email })),
      })),
    };
    this.saving.set(true);
    this.saveError.set(null);
    this.api.saveMatrix(matrix.providerId, request).subscribe({
      next: () => {
        this.saving.set(false);
        this.editing.set(null);
        this.state.load(this.api.matrices());
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.saveError.set(toApiError(error).message);
      },
    });
  }

  /** "high and above", "never": the lowest severity that opens an escalation for this kind of alert. */
  protected ruleSummary(matrix: EscalationMatrixDto, kind: AlertKind): string {
    const severity = matrix.rules[kind];
    if (!severity) return this.t('escalations.matrix.neverLower');
    return this.t('escalations.matrix.ruleAbove', { severity: severityLabel(severity, this.t).toLowerCase() });
  }

  protected ruleValue(matrix: EscalationMatrixDto, kind: AlertKind): string {
    return matrix.rules[kind] ?? 'never';
  }
}
