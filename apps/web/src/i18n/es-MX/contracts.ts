import type { contracts as en } from '../en/contracts';
import type { Translation } from '../translation';

export const contracts: Translation<typeof en> = {};
