/** When the scheduler enqueues the daily retention purge (server time); see SchedulerService. */
export const RETENTION_PURGE_CRON = '15 3 * * *';
export const RETENTION_PURGE_SCHEDULE = 'daily at 03:15 server time (when ENABLE_SCHEDULER is on)';

/** Rows fetched per round trip while a provider export streams. */
export const EXPORT_BATCH_ROWS = 2000;
