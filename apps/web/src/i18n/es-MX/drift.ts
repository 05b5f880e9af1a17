import type { drift as en } from '../en/drift';
import type { Translation } from '../translation';

export const drift: Translation<typeof en> = {};
