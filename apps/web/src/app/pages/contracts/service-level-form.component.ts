import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import type { KpiDefinitionDto, ServiceLevelDto, ServiceLevelRequest, ServiceLineDto, SiteDto } from '@kpi/contracts';
import { TranslocoPipe } from '@jsverse/transloco';
import { MEASUREMENT_PERIODS, MeasurementPeriod, ServiceLevelKind } from '@kpi/domain';
import { Translate, Translator } from '@kpi/web-ui';
import {
  ServiceLevelFormField,
  ServiceLevelFormValue,
  levelScale,
  serviceLevelFormIssues,
  toServiceLevelFormValue,
  toServiceLevelRequest,
} from './contract-forms';

/**
 * Add or edit one service level. Checks the input with the same kpi-domain rules as the api before
 * sending (messages next to the fields); the api's own answer is shown above the buttons.
 */
@Component({
  selector: 'kpi-service-level-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, TranslocoPipe],
  templateUrl: './service-level-form.component.html',
  styleUrl: './contract-forms.css',
})
export class ServiceLevelFormComponent {
  readonly providerId = input.required<string>();
  readonly sites = input.required<readonly SiteDto[]>();
  readonly serviceLines = input.required<readonly ServiceLineDto[]>();
  readonly kpis = input.required<readonly KpiDefinitionDto[]>();
  /** The service level to edit; null to add one. */
  readonly serviceLevel = input<ServiceLevelDto | null>(null);
  readonly saving = input<boolean>(false);
  readonly serverError = input<string | null>(null);
  readonly save = output<ServiceLevelRequest>();
  readonly cancelled = output<void>();

  private readonly translator = inject(Translator);
  private readonly t: Translate = (key, params) => this.translator.t(key, params);

  protected readonly periods = MEASUREMENT_PERIODS;
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: '',
    kpiCode: '',
    siteId: '',
    serviceLine: '',
    queue: '',
    target: '',
    minimum: '',
    targetLow: '',
    targetHigh: '',
    minimumLow: '',
    minimumHigh: '',
    measurementPeriod: 'monthly' as MeasurementPeriod,
    kind: 'critical' as ServiceLevelKind,
    poolAllocationPct: '',
    earnBackPeriods: '',
    meansOfMeasurement: '',
  });
  protected readonly errors = signal<Partial<Record<ServiceLevelFormField, string>>>({});
  private readonly kpiCode = toSignal(this.form.controls.kpiCode.valueChanges, { initialValue: '' });
  private readonly kind = toSignal(this.form.controls.kind.valueChanges, { initialValue: 'critical' as ServiceLevelKind });
  protected readonly selectedKpi = computed(() => this.kpis().find((kpi) => kpi.code === this.kpiCode()));
  protected readonly isBand = computed(() => this.selectedKpi()?.direction === 'target_band');
  protected readonly unit = computed(() => {
    const kpi = this.selectedKpi();
    if (!kpi) return '';
    return levelScale(kpi) === 100 ? '%' : kpi.unit === 'seconds' ? 's' : kpi.unit === 'days' ? this.t('contracts.serviceLevel.units.days') : kpi.unit === 'hours' ? 'h' : '';
  });
  protected readonly directionHint = computed(() => {
    const kpi = this.selectedKpi();
    if (!kpi) return '';
    if (kpi.direction === 'higher_is_better') return this.t('contracts.serviceLevel.directions.higher_is_better');
    if (kpi.direction === 'lower_is_better') return this.t('contracts.serviceLevel.directions.lower_is_better');
    return this.t('contracts.serviceLevel.directions.target_band');
  });
  protected readonly isCritical = computed(() => this.kind() === 'critical');

  constructor() {
    effect(() => {
      const level = this.serviceLevel();
      const kpis = this.kpis();
      untracked(() => this.reset(level, kpis));
    });
  }

  protected submit(): void {
    const value = this.form.getRawValue() as ServiceLevelFormValue;
    const kpis = this.kpis();
    const issues = serviceLevelFormIssues(value, kpis, this.providerId(), this.t);
    this.errors.set(issues);
    if (Object.keys(issues).length > 0) return;
    this.save.emit(toServiceLevelRequest(value, kpis.find((kpi) => kpi.code === value.kpiCode)));
  }

  protected error(field: ServiceLevelFormField): string | null {
    return this.errors()[field] ?? null;
  }

  private reset(level: ServiceLevelDto | null, kpis: readonly KpiDefinitionDto[]): void {
    const kpi = level ? kpis.find((candidate) => candidate.code === level.kpiCode) : undefined;
    this.form.reset(toServiceLevelFormValue(level, kpi));
    this.errors.set({});
  }
}
