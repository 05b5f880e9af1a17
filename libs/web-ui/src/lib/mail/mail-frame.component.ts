import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { DomSanitizer, SafeHtml } from '@angular/platform-browser';

/**
 * An email's HTML in a sandboxed frame: no scripts, no same-origin access, so a message cannot touch the app.
 * Images arrive inline (data: URLs) from the api.
 */
@Component({
  selector: 'kpi-mail-frame',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<iframe class="kpi-mail-frame" sandbox="" [title]="title()" [srcdoc]="safeHtml()" data-testid="mail-frame"></iframe>`,
  styles: `
    .kpi-mail-frame {
      display: block;
      width: 100%;
      min-height: 42rem;
      border: 1px solid var(--kpi-color-border, #d9e2ec);
      border-radius: var(--kpi-radius-sm, 6px);
      background: #fff;
    }
  `,
})
export class MailFrameComponent {
  private readonly sanitizer = inject(DomSanitizer);
  readonly html = input.required<string>();
  readonly title = input<string>('Email');
  // The frame is sandboxed (no scripts, unique origin): the content cannot run code in the app.
  protected readonly safeHtml = computed<SafeHtml>(() => this.sanitizer.bypassSecurityTrustHtml(this.html()));
}
