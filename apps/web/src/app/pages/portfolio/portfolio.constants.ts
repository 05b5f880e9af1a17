/** A provider is flagged as stale when its newest data is at least this many days old. */
export const STALE_DATA_DAYS = 3;
