import type { providerAccess as en } from '../en/provider-access';
import type { Translation } from '../translation';

export const providerAccess: Translation<typeof en> = {};
