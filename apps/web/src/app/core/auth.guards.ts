import { inject } from '@angular/core';
import { CanActivateFn, Router, UrlTree } from '@angular/router';
import { AuthStore } from '@kpi/web-data-access';
import { signInUrlTree } from './return-url';

/** Resolves once the silent refresh on app start has answered (normally already done by the app initializer). */
async function knownAuth(auth: AuthStore): Promise<void> {
  if (auth.status() === 'unknown') await auth.restore();
}

/** Only for signed-in users; others go to the sign-in page and come back afterwards. */
export const signedInGuard: CanActivateFn = async (_route, state): Promise<boolean | UrlTree> => {
  const auth = inject(AuthStore);
  const router = inject(Router);
  await knownAuth(auth);
  return auth.isSignedIn() ? true : signInUrlTree(router, state.url);
};

/** Only for admins; other signed-in users are sent to their portfolio. */
export const adminGuard: CanActivateFn = async (): Promise<boolean | UrlTree> => {
  const auth = inject(AuthStore);
  const router = inject(Router);
  await knownAuth(auth);
  return auth.isAdmin() ? true : router.createUrlTree(['/']);
};

/** The sign-in page is for signed-out users; a signed-in user goes straight to the portfolio. */
export const signedOutGuard: CanActivateFn = async (): Promise<boolean | UrlTree> => {
  const auth = inject(AuthStore);
  const router = inject(Router);
  await knownAuth(auth);
  return auth.isSignedIn() ? router.createUrlTree(['/']) : true;
};
