import type { kpiDrillDown as en } from '../en/kpi-drill-down';
import type { Translation } from '../translation';

export const kpiDrillDown: Translation<typeof en> = {};
