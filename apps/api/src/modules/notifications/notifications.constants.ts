/** The host part of Message-IDs: `<outbox id@MESSAGE_ID_DOMAIN>`. */
export const MESSAGE_ID_DOMAIN = 'kpi-governance';

/** A digest never reaches further back than this, even for a new subscription. */
export const DIGEST_MAX_LOOKBACK_DAYS = 14;
/** Changes committed a little before the previous digest but after it was built are still caught (the ledger prevents repeats). */
export const DIGEST_OVERLAP_MINUTES = 60;
/** At most this many items of a digest get a chart image (the rest are listed without one). */
export const DIGEST_MAX_CHARTS = 12;
/** At most this many items are listed in one digest. */
export const DIGEST_MAX_ITEMS = 60;

/** A queued message never attempted this long after it became due is re-enqueued by the sweeper. */
export const OUTBOX_ORPHAN_AFTER_SECONDS = 90;
export const OUTBOX_SWEEP_BATCH = 500;

export const OUTBOX_PAGE_SIZE = 50;
export const OUTBOX_MAX_PAGE_SIZE = 200;

/** Days of KPI history drawn in an alert's trend image. */
export const ALERT_CHART_DAYS = 90;

export const DEFAULT_TIME_ZONE = 'America/Mexico_City';
