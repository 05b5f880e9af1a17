import type { AlertChangeType, AlertKind, KpiUnit, Severity } from '@kpi/domain';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-03-07" -> "7 Mar 2026". */
export function formatDay(isoDate: string): string {
  const month = Number(isoDate.slice(5, 7));
  if (!(month >= 1 && month <= 12)) return isoDate;
  return `${Number(isoDate.slice(8, 10))} ${MONTHS[month - 1]} ${isoDate.slice(0, 4)}`;
}

/** An instant in a time zone: "7 Mar 2026, 08:05 (America/Mexico_City)". */
export function formatInstant(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
  return `${parts} (${timeZone})`;
}

/** A KPI value in its unit: 0.8123 percent -> "81.2 %", 395 seconds -> "6:35 min". */
export function formatKpiValue(value: number | null, unit: KpiUnit | null, precision = 1): string {
  if (value === null || !Number.isFinite(value)) return '–';
  switch (unit) {
    case 'percent':
      return `${(value * 100).toFixed(precision)} %`;
    case 'seconds':
      if (Math.abs(value) >= 60) {
        const total = Math.round(value);
        return `${Math.trunc(total / 60)}:${String(Math.abs(total % 60)).padStart(2, '0')} min`;
      }
      return `${value.toFixed(precision)} s`;
    case 'days':
      return `${value.toFixed(precision)} days`;
    case 'hours':
      return `${value.toFixed(precision)} h`;
    case 'count':
      return Math.round(value).toLocaleString('en-US');
    default:
      return value.toFixed(precision);
  }
}

/** A compact axis label for chart images. */
export function formatAxisValue(value: number, unit: KpiUnit | null): string {
  if (unit === 'percent') return `${Math.round(value * 1000) / 10} %`;
  if (unit === 'seconds' && Math.abs(value) >= 60) return formatKpiValue(value, unit);
  return String(Math.round(value * 100) / 100);
}

/** 0.112 -> "+11.2 %", -0.05 -> "−5.0 %". */
export function formatRelativeChange(magnitude: number | null): string | null {
  if (magnitude === null || !Number.isFinite(magnitude)) return null;
  const sign = magnitude > 0 ? '+' : magnitude < 0 ? '−' : '±';
  return `${sign}${Math.abs(magnitude * 100).toFixed(1)} %`;
}

export const SEVERITY_LABELS: Record<Severity, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};

export const KIND_LABELS: Record<AlertKind, string> = {
  drift: 'KPI drift',
  sla_breach: 'SLA breach',
  qa_regression: 'QA regression',
  stale_feed: 'Stale data feed',
  manual: 'Escalation',
};

export const CHANGE_LABELS: Record<AlertChangeType, string> = {
  opened: 'New',
  worsened: 'Worse',
  updated: 'Updated',
  resolved: 'Resolved',
  reopened: 'Back again',
};

export const SEVERITY_COLORS: Record<Severity, string> = {
  low: '#52606d',
  medium: '#8a6100',
  high: '#c2410c',
  critical: '#b3261e',
};
