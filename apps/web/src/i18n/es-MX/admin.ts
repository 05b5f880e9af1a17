import type { admin as en } from '../en/admin';
import type { Translation } from '../translation';

export const admin: Translation<typeof en> = {};
