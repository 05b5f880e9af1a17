import type { escalations as en } from '../en/escalations';
import type { Translation } from '../translation';

export const escalations: Translation<typeof en> = {};
