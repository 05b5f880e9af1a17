import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import type { CreateSlaExclusionRequest, SiteDto } from '@kpi/contracts';
import { TranslocoPipe } from '@jsverse/transloco';
import { compareIsoDates, isIsoDate } from '@kpi/domain';
import { Translator } from '@kpi/web-ui';

/** Request an exclusion: dates carved out of the measurement, with a reason; applied once approved. */
@Component({
  selector: 'kpi-exclusion-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, TranslocoPipe],
  template: `
    <form class="contract-form" [formGroup]="form" (ngSubmit)="submit()" novalidate data-testid="exclusion-form">
      <div class="contract-form__grid">
        <div class="form-field">
          <label for="ex-from">{{ 'contracts.exclusion.from' | transloco }}</label>
          <input id="ex-from" class="input" type="date" formControlName="from" data-testid="exclusion-from" [attr.aria-invalid]="!!errors()['from']" />
          @if (errors()['from']; as message) {
            <p class="form-field__error">{{ message }}</p>
          }
        </div>
        <div class="form-field">
          <label for="ex-to">{{ 'contracts.exclusion.to' | transloco }}</label>
          <input id="ex-to" class="input" type="date" formControlName="to" data-testid="exclusion-to" [attr.aria-invalid]="!!errors()['to']" />
          @if (errors()['to']; as message) {
            <p class="form-field__error">{{ message }}</p>
          }
        </div>
        <div class="form-field contract-form__wide">
          <label for="ex-reason">{{ 'contracts.exclusion.reason' | transloco }}</label>
          <textarea id="ex-reason" class="input" rows="2" formControlName="reason" data-testid="exclusion-reason" [attr.aria-invalid]="!!errors()['reason']"></textarea>
          @if (errors()['reason']; as message) {
            <p class="form-field__error">{{ message }}</p>
          }
        </div>
        <fieldset class="contract-form__levels contract-form__wide">
          <legend>{{ 'contracts.exclusion.sites' | transloco }} <span class="muted">{{ 'contracts.exclusion.sitesHint' | transloco }}</span></legend>
          <ul class="contract-form__checks">
            @for (site of sites(); track site.id) {
              <li>
                <label><input type="checkbox" [checked]="chosenSites().includes(site.id)" (change)="toggle(site.id, $event)" /> {{ site.city }} ({{ site.code }})</label>
              </li>
            }
          </ul>
        </fieldset>
      </div>
      @if (serverError(); as message) {
        <div class="contract-form__server-error" role="alert">{{ message }}</div>
      }
      <div class="contract-form__actions">
        <button type="submit" class="btn btn--primary" data-testid="exclusion-submit" [disabled]="saving()">{{ (saving() ? 'contracts.form.saving' : 'contracts.exclusion.submit') | transloco }}</button>
        <button type="button" class="btn btn--secondary" (click)="cancelled.emit()">{{ 'contracts.form.cancel' | transloco }}</button>
      </div>
    </form>
  `,
  styleUrl: './contract-forms.css',
})
export class ExclusionFormComponent {
  readonly sites = input.required<readonly SiteDto[]>();
  readonly saving = input<boolean>(false);
  readonly serverError = input<string | null>(null);
  readonly save = output<CreateSlaExclusionRequest>();
  readonly cancelled = output<void>();

  private readonly translator = inject(Translator);
  protected readonly form = inject(NonNullableFormBuilder).group({ from: '', to: '', reason: '' });
  protected readonly chosenSites = signal<string[]>([]);
  protected readonly errors = signal<Record<string, string>>({});

  protected toggle(siteId: string, event: Event): void {
    const checked = (event.target as HTMLInputElement).checked;
    this.chosenSites.update((sites) => (checked ? [...sites, siteId] : sites.filter((id) => id !== siteId)));
  }

  protected submit(): void {
    const { from, to, reason } = this.form.getRawValue();
    const errors: Record<string, string> = {};
    if (!isIsoDate(from)) errors['from'] = this.translator.t('contracts.exclusion.errors.from');
    if (!isIsoDate(to)) errors['to'] = this.translator.t('contracts.exclusion.errors.to');
    else if (isIsoDate(from) && compareIsoDates(from, to) > 0) errors['to'] = this.translator.t('contracts.exclusion.errors.toBeforeFrom');
    if (!reason.trim()) errors['reason'] = this.translator.t('contracts.exclusion.errors.reason');
    this.errors.set(errors);
    if (Object.keys(errors).length > 0) return;
    const sites = this.chosenSites();
    this.save.emit({ from, to, reason: reason.trim(), siteIds: sites.length > 0 ? sites : null, serviceLevelIds: null });
  }
}
