import type { providers as en } from '../en/providers';
import type { Translation } from '../translation';

export const providers: Translation<typeof en> = {};
