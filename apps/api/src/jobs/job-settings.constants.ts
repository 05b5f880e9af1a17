import { JOB_NAMES, JobName } from './job-names';
import type { JobSettings } from './job-queue.port';

export const JOB_SETTINGS: Record<JobName, JobSettings> = {
  [JOB_NAMES.ingestFeed]: { retryLimit: 3, retryDelaySeconds: 30, retryBackoff: true, expireInSeconds: 30 * 60 },
  [JOB_NAMES.evaluateDrift]: { retryLimit: 2, retryDelaySeconds: 60, retryBackoff: true, expireInSeconds: 30 * 60 },
  [JOB_NAMES.checkEscalations]: { retryLimit: 2, retryDelaySeconds: 30, retryBackoff: true, expireInSeconds: 10 * 60 },
  [JOB_NAMES.sendEmail]: { retryLimit: 12, retryDelaySeconds: 15, retryBackoff: true, expireInSeconds: 5 * 60 },
  [JOB_NAMES.buildQuarterlyReview]: { retryLimit: 1, retryDelaySeconds: 60, retryBackoff: false, expireInSeconds: 30 * 60 },
};
