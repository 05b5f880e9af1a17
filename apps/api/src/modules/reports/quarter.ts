import { BadRequestException } from '@nestjs/common';
import { addDays, addMonths, endOfMonth, monthKeyOf } from '@kpi/domain';

export interface QuarterRange {
  key: string;
  /** Inclusive ISO dates. */
  from: string;
  to: string;
  /** yyyy-mm, three of them. */
  months: string[];
}

const QUARTER = /^(\d{4})-Q([1-4])$/;

export function isQuarterKey(value: string): boolean {
  return QUARTER.test(value);
}

export function quarterRange(key: string): QuarterRange {
  const match = QUARTER.exec(key);
  if (!match) throw new BadRequestException('quarter must look like 2026-Q3');
  const firstMonth = (Number(match[2]) - 1) * 3 + 1;
  const from = `${match[1]}-${String(firstMonth).padStart(2, '0')}-01`;
  const months = [0, 1, 2].map((i) => monthKeyOf(addMonths(from, i)));
  return { key, from, to: endOfMonth(addMonths(from, 2)), months };
}

export function quarterOf(date: string): string {
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

export function previousQuarter(key: string): string {
  return quarterOf(addMonths(quarterRange(key).from, -3));
}

/** The "as of" date of a pack: the day after the quarter (whole quarter counted), or today while it runs. */
export function quarterAsOf(key: string, today: string): string {
  const after = addDays(quarterRange(key).to, 1);
  return after < today ? after : today;
}

/**
 * Scheduled delivery: packs go out on day `deliveryDay` of the first month after a quarter.
 * Returns the quarter due for delivery on `today`, or null.
 */
export function quarterDueForDelivery(today: string, deliveryDay: number): string | null {
  const month = Number(today.slice(5, 7));
  const day = Number(today.slice(8, 10));
  if ((month - 1) % 3 !== 0 || day !== deliveryDay) return null;
  return previousQuarter(quarterOf(today));
}
