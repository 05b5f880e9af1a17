import type { notFound as en } from '../en/not-found';
import type { Translation } from '../translation';

export const notFound: Translation<typeof en> = {};
