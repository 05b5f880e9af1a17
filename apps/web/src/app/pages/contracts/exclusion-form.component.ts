import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import type { CreateSlaExclusionRequest, SiteDto } from '@kpi/contracts';
import { compareIsoDates, isIsoDate } from '@kpi/domain';

/** Request an exclusion: dates carved out of the measurement, with a reason; applied once approved. */
@Component({
  selector: 'kpi-exclusion-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule],
  template: `
    <form class="contract-form" [formGroup]="form" (ngSubmit)="submit()" novalidate data-testid="exclusion-form">
      <div class="contract-form__grid">
        <div class="form-field">
          <label for="ex-from">From</label>
          <input id="ex-from" class="input" type="date" formControlName="from" data-testid="exclusion-from" [attr.aria-invalid]="!!errors()['from']" />
          @if (errors()['from']; as message) {
            <p class="form-field__error">{{ message }}</p>
          }
        </div>
        <div class="form-field">
          <label for="ex-to">To</label>
          <input id="ex-to" class="input" type="date" formControlName="to" data-testid="exclusion-to" [attr.aria-invalid]="!!errors()['to']" />
          @if (errors()['to']; as message) {
            <p class="form-field__error">{{ message }}</p>
          }
        </div>
        <div class="form-field contract-form__wide">
          <label for="ex-reason">Reason</label>
          <textarea id="ex-reason" class="input" rows="2" formControlName="reason" data-testid="exclusion-reason" [attr.aria-invalid]="!!errors()['reason']"></textarea>
          @if (errors()['reason']; as message) {
            <p class="form-field__error">{{ message }}</p>
          }
        </div>
        <fieldset class="contract-form__levels contract-form__wide">
          <legend>Sites <span class="muted">(none ticked = every site)</span></legend>
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
        <button type="submit" class="btn btn--primary" data-testid="exclusion-submit" [disabled]="saving()">{{ saving() ? 'Saving…' : 'Request exclusion' }}</button>
        <button type="button" class="btn btn--secondary" (click)="cancelled.emit()">Cancel</button>
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
    if (!isIsoDate(from)) errors['from'] = 'Enter the first excluded day.';
    if (!isIsoDate(to)) errors['to'] = 'Enter the last excluded day.';
    else if (isIsoDate(from) && compareIsoDates(from, to) > 0) errors['to'] = 'The last day is before the first.';
    if (!reason.trim()) errors['reason'] = 'Say why these days do not count (it is shown to everyone who reads the SLA).';
    this.errors.set(errors);
    if (Object.keys(errors).length > 0) return;
    const sites = this.chosenSites();
    this.save.emit({ from, to, reason: reason.trim(), siteIds: sites.length > 0 ? sites : null, serviceLevelIds: null });
  }
}
