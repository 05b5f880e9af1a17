import { Router, UrlTree } from '@angular/router';

export const SIGN_IN_PATH = '/sign-in';

/**
 * A return URL that is safe to navigate to after sign-in: an app-internal path (no scheme, no "//host",
 * not the sign-in page itself). Anything else falls back to the portfolio.
 */
export function safeReturnUrl(url: string | null | undefined): string {
  if (!url || !url.startsWith('/') || url.startsWith('//') || url.startsWith('/\\')) return '/';
  if (url === SIGN_IN_PATH || url.startsWith(`${SIGN_IN_PATH}?`) || url.startsWith(`${SIGN_IN_PATH}/`)) return '/';
  return url;
}

/** The sign-in page, remembering where the user wanted to go (unless that is the portfolio). */
export function signInUrlTree(router: Router, returnUrl: string | null | undefined): UrlTree {
  const target = safeReturnUrl(returnUrl);
  return router.createUrlTree([SIGN_IN_PATH], target === '/' ? {} : { queryParams: { returnUrl: target } });
}
