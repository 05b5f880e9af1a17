import type { ingestion as en } from '../en/ingestion';
import type { Translation } from '../translation';

export const ingestion: Translation<typeof en> = {};
