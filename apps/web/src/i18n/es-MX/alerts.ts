import type { alerts as en } from '../en/alerts';
import type { Translation } from '../translation';

export const alerts: Translation<typeof en> = {};
