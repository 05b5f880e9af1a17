/** Every background job's name, in one place. Each feature module registers the processor for its own jobs. */
export const JOB_NAMES = {
  ingestFeed: 'ingest-feed',
  evaluateDrift: 'evaluate-drift',
  checkEscalations: 'check-escalations',
  sendEmail: 'send-email',
  sendDigests: 'send-digests',
  sweepOutbox: 'sweep-outbox',
  reconcileAlertSources: 'reconcile-alert-sources',
  buildQuarterlyReview: 'build-quarterly-review',
  purgeRetention: 'purge-retention',
} as const;

export type JobName = (typeof JOB_NAMES)[keyof typeof JOB_NAMES];
