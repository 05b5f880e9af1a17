import { ChangeDetectionStrategy, Component, effect, inject, input, output, signal, untracked } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import type { ContractVersionDto, ProviderSummaryDto } from '@kpi/contracts';
import { TranslocoPipe } from '@jsverse/transloco';
import { compareIsoDates, isIsoDate, validateSlaContractVersion } from '@kpi/domain';
import { formatIsoDate, Translate, Translator } from '@kpi/web-ui';

export type TermsFormMode = 'create' | 'renegotiate' | 'edit';

/** What the terms form emits; the page turns it into the api request of its mode. */
export interface TermsFormResult {
  providerId: string;
  name: string;
  reference: string | null;
  currency: string;
  monthlyFee: number;
  atRiskPct: number;
  effectiveFrom: string;
  effectiveTo: string | null;
  notes: string;
  copyServiceLevels: boolean;
}

type TermsField = 'providerId' | 'name' | 'currency' | 'monthlyFee' | 'atRiskPct' | 'effectiveFrom' | 'effectiveTo';

/**
 * Contract terms: a new contract (provider, name, first terms), a renegotiation (new terms from a date,
 * copying the service levels) or a correction of a version's terms. Checked with kpi-domain's
 * `validateSlaContractVersion` before sending.
 */
@Component({
  selector: 'kpi-contract-terms-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, TranslocoPipe],
  templateUrl: './contract-terms-form.component.html',
  styleUrl: './contract-forms.css',
})
export class ContractTermsFormComponent {
  readonly mode = input.required<TermsFormMode>();
  /** create: the providers the user may create a contract for. */
  readonly providers = input<readonly Pick<ProviderSummaryDto, 'id' | 'name'>[]>([]);
  /** renegotiate / edit: the version to start from. */
  readonly version = input<ContractVersionDto | null>(null);
  readonly saving = input<boolean>(false);
  readonly serverError = input<string | null>(null);
  readonly save = output<TermsFormResult>();
  readonly cancelled = output<void>();

  private readonly translator = inject(Translator);
  private readonly t: Translate = (key, params) => this.translator.t(key, params);

  protected readonly form = inject(NonNullableFormBuilder).group({
    providerId: '',
    name: '',
    reference: '',
    currency: 'MXN',
    monthlyFee: '',
    atRiskPct: '12',
    effectiveFrom: '',
    effectiveTo: '',
    notes: '',
    copyServiceLevels: true,
  });
  protected readonly errors = signal<Partial<Record<TermsField, string>>>({});

  constructor() {
    effect(() => {
      const version = this.version();
      const mode = this.mode();
      untracked(() => this.reset(mode, version));
    });
  }

  protected error(field: TermsField): string | null {
    return this.errors()[field] ?? null;
  }

  protected submit(): void {
    const raw = this.form.getRawValue();
    const mode = this.mode();
    const errors: Partial<Record<TermsField, string>> = {};
    if (mode === 'create' && !raw.providerId) errors.providerId = this.t('contracts.terms.errors.providerId');
    if (mode === 'create' && !raw.name.trim()) errors.name = this.t('contracts.terms.errors.name');
    const monthlyFee = Number(raw.monthlyFee.replace(',', '.'));
    const atRiskPct = Number(raw.atRiskPct.replace(',', '.'));
    if (raw.monthlyFee.trim() === '') errors.monthlyFee = this.t('contracts.terms.errors.monthlyFee');
    if (!isIsoDate(raw.effectiveFrom)) errors.effectiveFrom = this.t('contracts.terms.errors.effectiveFrom');
    if (raw.effectiveTo && !isIsoDate(raw.effectiveTo)) errors.effectiveTo = this.t('contracts.terms.errors.effectiveTo');
    const version = this.version();
    if (mode === 'renegotiate' && version && isIsoDate(raw.effectiveFrom) && compareIsoDates(raw.effectiveFrom, version.effectiveFrom) <= 0) {
      errors.effectiveFrom = this.t('contracts.terms.errors.renegotiationStart', { date: formatIsoDate(version.effectiveFrom) });
    }
    if (isIsoDate(raw.effectiveFrom) && (!raw.effectiveTo || isIsoDate(raw.effectiveTo))) {
      const issues = validateSlaContractVersion({
        id: 'form',
        contractId: 'form',
        version: 1,
        providerId: 'form',
        currency: raw.currency.trim().toUpperCase(),
        monthlyFee: raw.monthlyFee.trim() === '' ? 0 : monthlyFee,
        atRiskPct,
        effectiveFrom: raw.effectiveFrom,
        effectiveTo: raw.effectiveTo || null,
        serviceLevels: [],
      });
      for (const issue of issues) {
        const field = issue.field as TermsField;
        errors[field] ??= issue.message;
      }
    }
    this.errors.set(errors);
    if (Object.keys(errors).length > 0) return;
    this.save.emit({
      providerId: raw.providerId,
      name: raw.name.trim(),
      reference: raw.reference.trim() || null,
      currency: raw.currency.trim().toUpperCase(),
      monthlyFee,
      atRiskPct,
      effectiveFrom: raw.effectiveFrom,
      effectiveTo: raw.effectiveTo || null,
      notes: raw.notes.trim(),
      copyServiceLevels: raw.copyServiceLevels,
    });
  }

  private reset(mode: TermsFormMode, version: ContractVersionDto | null): void {
    this.form.reset({
      providerId: '',
      name: '',
      reference: '',
      currency: version?.currency ?? 'MXN',
      monthlyFee: version ? String(version.monthlyFee) : '',
      atRiskPct: version ? String(version.atRiskPct) : '12',
      effectiveFrom: mode === 'edit' ? (version?.effectiveFrom ?? '') : '',
      effectiveTo: mode === 'edit' ? (version?.effectiveTo ?? '') : '',
      notes: mode === 'edit' ? (version?.notes ?? '') : '',
      copyServiceLevels: true,
    });
    this.errors.set({});
  }
}
