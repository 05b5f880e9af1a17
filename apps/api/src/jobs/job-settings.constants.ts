import { JOB_NAMES, JobName } from './job-names';
import type { JobSettings } from './job-queue.port';

export const JOB_SETTINGS: Record<JobName, JobSettings> = {
  [JOB_NAMES.ingestFeed]: { retryLimit: 3, retryDelaySeconds: 30, retryBackoff: true, expireInSeconds: 30 * 60 },
  [JOB_NAMES.evaluateDrift]: { retryLimit: 2, retryDelaySeconds: 60, retryBackoff: true, expireInSeconds: 30 * 60 },
  [JOB_NAMES.checkEscalations]: { retryLimit: 2, retryDelaySeconds: 30, retryBackoff: true, expireInSeconds: 10 * 60 },
  [JOB_NAMES.sendEmail]: { retryLimit: 12, retryDelaySeconds: 15, retryBackoff: true, expireInSeconds: 5 * 60 },
  [JOB_NAMES.sendDigests]: { retryLimit: 2, retryDelaySeconds: 30, retryBackoff: true, expireInSeconds: 10 * 60 },
  [JOB_NAMES.sweepOutbox]: { retryLimit: 1, retryDelaySeconds: 30, retryBackoff: false, expireInSeconds: 5 * 60 },
  [JOB_NAMES.reconcileAlertSources]: { retryLimit: 1, retryDelaySeconds: 60, retryBackoff: false, expireInSeconds: 15 * 60 },
  [JOB_NAMES.buildQuarterlyReview]: { retryLimit: 1, retryDelaySeconds: 60, retryBackoff: false, expireInSeconds: 30 * 60 },
  [JOB_NAMES.purgeRetention]: { retryLimit: 2, retryDelaySeconds: 300, retryBackoff: true, expireInSeconds: 60 * 60 },
};

/** JOB_SETTINGS with some jobs' settings replaced (e.g. the outgoing-mail retries from the configuration). */
export function jobSettingsWith(overrides: Partial<Record<JobName, Partial<JobSettings>>>): Record<JobName, JobSettings> {
  const settings = { ...JOB_SETTINGS };
  for (const [name, override] of Object.entries(overrides) as [JobName, Partial<JobSettings>][]) {
    settings[name] = { ...settings[name], ...override };
  }
  return settings;
}
