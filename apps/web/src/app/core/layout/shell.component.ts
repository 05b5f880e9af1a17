import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { AuthStore, LiveUpdates } from '@kpi/web-data-access';
import { formatDateTime } from '@kpi/web-ui';
import { TranslocoPipe } from '@jsverse/transloco';
import { LanguageSwitcherComponent } from '../i18n/language-switcher.component';
import { SIGN_IN_PATH, signInUrlTree } from '../return-url';
import { ADMIN_NAV_ITEM, NAV_ITEMS } from './navigation.constants';

/** The signed-in layout: top navigation, the current user with a sign-out button, and the page outlet. */
@Component({
  selector: 'kpi-shell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, RouterLinkActive, RouterOutlet, TranslocoPipe, LanguageSwitcherComponent],
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.css',
})
export class ShellComponent {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');

  protected readonly user = this.auth.user;
  protected readonly navItems = computed(() => (this.auth.isAdmin() ? [...NAV_ITEMS, ADMIN_NAV_ITEM] : NAV_ITEMS));
  protected readonly signingOut = signal(false);
  private readonly live = inject(LiveUpdates);
  protected readonly liveUpdatedAt = computed(() => {
    const at = this.live.lastChangeAt();
    return at ? formatDateTime(at.toISOString()) : null;
  });

  constructor() {
    effect(() => this.leaveWhenSessionEnds());
    effect(() => this.followLiveChanges());
  }

  protected signOut(): void {
    this.signingOut.set(true);
    this.auth.signOut().subscribe(() => void this.router.navigateByUrl(SIGN_IN_PATH));
  }

  /** Open pages refresh themselves while someone is signed in (see LiveUpdates). */
  private followLiveChanges(): void {
    const signedIn = this.auth.isSignedIn();
    untracked(() => (signedIn ? this.live.start() : this.live.stop()));
  }

  protected focusMain(): void {
    this.main().nativeElement.focus();
  }

  /** A session can end in the background (the refresh before expiry is refused): go to the sign-in page. */
  private leaveWhenSessionEnds(): void {
    if (this.auth.status() !== 'signed-out' || this.signingOut()) return;
    untracked(() => void this.router.navigateByUrl(signInUrlTree(this.router, this.router.url)));
  }
}
