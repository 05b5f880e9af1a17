/** Refresh the access token this long before it expires (capped at a fifth of its lifetime). */
export const REFRESH_LEAD_MS = 60_000;
/** Never schedule a background refresh sooner than this. */
export const MIN_REFRESH_DELAY_MS = 5_000;
/** When a background refresh fails for a reason other than an ended session (e.g. offline), try again after this. */
export const REFRESH_RETRY_MS = 30_000;
