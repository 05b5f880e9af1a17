import type { reports as en } from '../en/reports';
import type { Translation } from '../translation';

export const reports: Translation<typeof en> = {};
