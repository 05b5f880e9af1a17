import type { scorecards as en } from '../en/scorecards';
import type { Translation } from '../translation';

export const scorecards: Translation<typeof en> = {};
