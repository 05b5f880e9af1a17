import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import type { CustomKpiRequest, KpiDefinitionDto } from '@kpi/contracts';
import { CUSTOM_KPI_KINDS, CustomKpiKind, CustomKpiInput, KPI_UNITS, KpiUnit, SERVICE_LINES, ServiceLineCode, validateCustomKpi } from '@kpi/domain';

/** Define or edit a custom KPI, checked with kpi-domain's `validateCustomKpi` (the api runs the same rules). */
@Component({
  selector: 'kpi-custom-kpi-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, TranslocoPipe],
  templateUrl: './kpi-form.component.html',
  styleUrl: '../contracts/contract-forms.css',
})
export class CustomKpiFormComponent {
  /** null to define a new KPI. */
  readonly kpi = input<KpiDefinitionDto | null>(null);
  readonly existingCodes = input.required<readonly string[]>();
  readonly saving = input<boolean>(false);
  readonly serverError = input<string | null>(null);
  readonly save = output<CustomKpiRequest>();
  readonly cancelled = output<void>();

  /** Labelled by `admin.kpiForm.kinds.<kind>`. */
  protected readonly kinds = CUSTOM_KPI_KINDS.map((kind) => ({ kind }));
  protected readonly units = KPI_UNITS;
  protected readonly lines = SERVICE_LINES;
  protected readonly form = inject(NonNullableFormBuilder).group({
    code: '',
    name: '',
    description: '',
    kind: 'ratio_of_sums' as CustomKpiKind,
    unit: 'percent' as KpiUnit,
    direction: 'higher_is_better' as 'higher_is_better' | 'lower_is_better',
    numeratorLabel: '',
    denominatorLabel: '',
    valueLabel: '',
    weightLabel: '',
    bandLow: '',
    bandHigh: '',
    displayPrecision: '1',
  });
  protected readonly chosenLines = signal<ServiceLineCode[]>([]);
  protected readonly errors = signal<Record<string, string>>({});
  private readonly kind = toSignal(this.form.controls.kind.valueChanges, { initialValue: 'ratio_of_sums' as CustomKpiKind });
  private readonly unit = toSignal(this.form.controls.unit.valueChanges, { initialValue: 'percent' as KpiUnit });
  protected readonly editing = computed(() => this.kpi() !== null);
  protected readonly showRatioLabels = computed(() => this.kind() === 'ratio_of_sums' || this.kind() === 'band');
  protected readonly showCountLabel = computed(() => this.kind() === 'sum' || this.kind() === 'stock');
  protected readonly showWeighted = computed(() => this.kind() === 'weighted_mean');
  protected readonly showBand = computed(() => this.kind() === 'band');
  protected readonly percentBand = computed(() => this.unit() === 'percent');

  constructor() {
    effect(() => {
      const kpi = this.kpi();
      untracked(() => this.reset(kpi));
    });
  }

  protected error(field: string): string | null {
    return this.errors()[field] ?? null;
  }

  protected toggleLine(line: ServiceLineCode, event: Event): void {
    const checked = (event.target as HTMLInputElement).checked;
    this.chosenLines.update((lines) => (checked ? [...lines, line] : lines.filter((candidate) => candidate !== line)));
  }

  protected submit(): void {
    const raw = this.form.getRawValue();
    const scale = raw.unit === 'percent' ? 100 : 1;
    const number = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.replace(',', '.')));
    const input: CustomKpiInput = {
      code: raw.code.trim(),
      name: raw.name,
      description: raw.description,
      kind: raw.kind,
      unit: raw.unit,
      ...(raw.kind !== 'band' ? { direction: raw.direction } : {}),
      ...(raw.kind === 'ratio_of_sums' || raw.kind === 'band' || raw.kind === 'sum' || raw.kind === 'stock' ? { numeratorLabel: raw.numeratorLabel } : {}),
      ...(raw.kind === 'ratio_of_sums' || raw.kind === 'band' ? { denominatorLabel: raw.denominatorLabel } : {}),
      ...(raw.kind === 'weighted_mean' ? { valueLabel: raw.valueLabel, weightLabel: raw.weightLabel } : {}),
      ...(raw.kind === 'band' ? { band: { low: number(raw.bandLow) / scale, high: number(raw.bandHigh) / scale } } : {}),
      displayPrecision: number(raw.displayPrecision),
      serviceLines: this.chosenLines(),
    };
    const others = this.existingCodes().filter((code) => code !== this.kpi()?.code);
    const validation = validateCustomKpi(input, others);
    const errors: Record<string, string> = {};
    for (const issue of validation.issues) {
      const field = issue.field.startsWith('band') ? 'band' : issue.field.startsWith('serviceLines') ? 'serviceLines' : issue.field;
      errors[field] ??= issue.message;
    }
    this.errors.set(errors);
    if (!validation.ok) return;
    this.save.emit({
      code: input.code,
      name: input.name.trim(),
      description: (input.description ?? '').trim(),
      kind: input.kind,
      unit: input.unit,
      ...(input.direction ? { direction: input.direction } : {}),
      ...(input.numeratorLabel !== undefined ? { numeratorLabel: input.numeratorLabel.trim() } : {}),
      ...(input.denominatorLabel ? { denominatorLabel: input.denominatorLabel.trim() } : {}),
      ...(input.valueLabel !== undefined ? { valueLabel: input.valueLabel.trim(), weightLabel: (input.weightLabel ?? '').trim() } : {}),
      ...(input.band ? { band: { low: Math.round(input.band.low * 1e9) / 1e9, high: Math.round(input.band.high * 1e9) / 1e9 } } : {}),
      displayPrecision: input.displayPrecision,
      serviceLines: [...input.serviceLines],
    });
  }

  private reset(kpi: KpiDefinitionDto | null): void {
    const scale = kpi?.unit === 'percent' ? 100 : 1;
    this.form.reset({
      code: kpi?.code ?? '',
      name: kpi?.name ?? '',
      description: kpi?.description ?? '',
      kind: kpi?.customKind ?? 'ratio_of_sums',
      unit: kpi?.unit ?? 'percent',
      direction: kpi?.direction === 'lower_is_better' ? 'lower_is_better' : 'higher_is_better',
      numeratorLabel: kpi && kpi.customKind !== 'weighted_mean' ? kpi.numeratorLabel : '',
      denominatorLabel: kpi && kpi.customKind !== 'weighted_mean' ? (kpi.denominatorLabel ?? '') : '',
      valueLabel: kpi?.valueLabel ?? '',
      weightLabel: kpi?.weightLabel ?? '',
      bandLow: kpi?.band ? String(Math.round(kpi.band.low * scale * 1e6) / 1e6) : '',
      bandHigh: kpi?.band ? String(Math.round(kpi.band.high * scale * 1e6) / 1e6) : '',
      displayPrecision: String(kpi?.displayPrecision ?? 1),
    });
    if (kpi) {
      this.form.controls.code.disable();
      this.form.controls.kind.disable();
    } else {
      this.form.controls.code.enable();
      this.form.controls.kind.enable();
    }
    this.chosenLines.set(kpi ? [...kpi.serviceLines] : []);
    this.errors.set({});
  }
}
