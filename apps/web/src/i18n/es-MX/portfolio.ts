import type { portfolio as en } from '../en/portfolio';
import type { Translation } from '../translation';

export const portfolio: Translation<typeof en> = {};
